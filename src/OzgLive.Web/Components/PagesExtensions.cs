using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Unicode;

namespace OzgLive.Web.Components;

public static class PagesExtensions
{
    public static IHostApplicationBuilder AddPages(this IHostApplicationBuilder builder)
    {
        // Pages are server-rendered without a circuit, so the number of viewers is what scales. Only
        // the staff screens (moderator console, presenter screen: few per event) are interactive
        // server components, and only their pages load blazor.web.js.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.RemoveAll<AntiforgeryStateProvider>();
        builder.Services.AddScoped<AntiforgeryStateProvider, PageAntiforgery>();
        // Write umlauts as they are instead of as &#xFC; entities: the pages are German.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        // WithStaticAssets: @Assets["css/site.css"] in the pages gives the fingerprinted URL.
        // Blazor would add its own "frame-ancestors 'self'" policy to every page; the security headers
        // (Security/SecurityHeaders.cs) set the one policy, with framing refused except for the embed.
        app.MapRazorComponents<App>().WithStaticAssets()
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
