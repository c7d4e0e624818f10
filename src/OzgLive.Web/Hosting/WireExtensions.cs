using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace OzgLive.Web.Hosting;

/// <summary>
/// What goes over the wire besides the pages' content: static files from the build's static web
/// assets (fingerprinted, precompressed, cached for good; see OzgLive.Web.csproj) and compressed HTML.
/// </summary>
public static class WireExtensions
{
    private const string ReloadStaticAssetsAtRuntime = "ReloadStaticAssetsAtRuntime";

    public static WebApplicationBuilder AddWire(this WebApplicationBuilder builder)
    {
        // The build maps every static file (the top-level wwwroot/, blazor.web.js from its package,
        // the .gz/.br files in obj/) to where it lies in OzgLive.Web.staticwebassets.runtime.json.
        // The host reads that map only in Development; the tests (environment "Testing") and a
        // Release build started from bin/ need it too. A published app has no such file beside
        // it and serves its own wwwroot/, so this changes nothing there.
        builder.WebHost.UseStaticWebAssets();

        // From a build (not a publish) MapStaticAssets would by default watch wwwroot/ for edits and
        // serve changed files itself, uncached and gzipped at level 0 - and it takes every file of a
        // git checkout for changed (sub-second file times against the manifest's whole seconds),
        // even sending that gzip as "br". Served as built instead: what the build compressed and
        // fingerprinted, with the published app's cache headers. After editing a file, build again
        // (dotnet watch does); "ReloadStaticAssetsAtRuntime": true in configuration turns it back on.
        builder.Configuration[ReloadStaticAssetsAtRuntime] ??= "false";

        builder.Services.AddResponseCompression(options =>
        {
            // HTML only: static files arrive precompressed from the build (MapStaticAssets), and the
            // hub's negotiate (JSON) and WebSocket frames must stay as SignalR sends them.
            options.MimeTypes = ["text/html"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            // Behind the TLS proxy requests count as HTTPS (X-Forwarded-Proto); UseHtmlCompression
            // decides per request what is safe to compress there (BREACH).
            options.EnableForHttps = true;
        });
        // Optimal (brotli quality 4, gzip level 6) instead of the providers' default Fastest: for pages
        // of tens of kilobytes still cheap per request, and clearly smaller.
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>
    /// Compresses the HTML of anonymous visitors only; must come after UseAuthentication.
    /// BREACH recovers a secret from a compressed HTTPS response when the attacker can also put text
    /// of their own into the same response and watch its size. The pages of signed-in staff carry
    /// such secrets (the antiforgery token of their session in every form, presenter and speaker
    /// links), so they go out uncompressed. The audience's pages (live event, replay, listings) carry
    /// none: the only antiforgery token an anonymous visitor sees guards the login form of a session
    /// that does not exist yet. Those pages are the traffic that matters for size.
    /// </summary>
    public static IApplicationBuilder UseHtmlCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => context.User.Identity?.IsAuthenticated != true, anonymous => anonymous.UseResponseCompression());
}
