using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OzgLive.Web.Security;

/// <summary>Settings under "Security" (README, docs/security.md).</summary>
public sealed class SecurityHeaderOptions
{
    /// <summary>
    /// The policy of every response that does not set its own (the partner embed does, with its
    /// partners in frame-ancestors). No 'unsafe-inline' and no 'unsafe-eval': the pages have no inline
    /// scripts, handlers or style attributes, and their JSON texts sit in type="application/json"
    /// elements, which script-src does not govern. 'self' in connect-src covers the hub's ws:/wss: on
    /// the same host. The only foreign frame is the YouTube player, which video-consent.js creates only
    /// after the viewer's consent.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-src https://www.youtube-nocookie.com; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Browser features no OzgLive page uses; the YouTube frame keeps fullscreen and autoplay.</summary>
    public string PermissionsPolicy { get; set; } =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), " +
        "fullscreen=(self \"https://www.youtube-nocookie.com\"), autoplay=(self \"https://www.youtube-nocookie.com\")";

    /// <summary>Strict-Transport-Security, sent over https only (a browser ignores it over http anyway).</summary>
    public string StrictTransportSecurity { get; set; } = "max-age=31536000";
}

/// <summary>
/// The security headers of every response, set in this one place (ASVS 3.4). Set when the response
/// starts, and only where the endpoint did not set its own: the embed's frame-ancestors allowlist
/// must survive, and a response that may be framed by its own policy gets no X-Frame-Options DENY.
/// </summary>
public static class SecurityHeaders
{
    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityHeaderOptions>().BindConfiguration("Security");
        return builder;
    }

    /// <summary>After UseForwardedHeaders: "https" is what the trusted proxy says it was.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityHeaderOptions>>().Value;
        return app.Use((context, next) =>
        {
            if (Live.LiveHub.IsHubRequest(context))
            {
                // The hub's WebSocket request is answered by "101 Switching Protocols" and then frames
                // only: nothing these headers protect, and the callback would be kept for the
                // connection's whole life. Its negotiate request (JSON) gets them, without a nonce.
                if (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true)
                {
                    return next(context);
                }
            }
            else
            {
                context.Items[NonceKey] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            }

            context.Response.OnStarting(() =>
            {
                SetHeaders(context, options);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private const string NonceKey = "ozglive:csp-nonce";

    /// <summary>
    /// This request's nonce for the few inline scripts the framework renders (the import map); a new
    /// random one per response, so an injected script cannot know it. Null outside a request.
    /// </summary>
    public static string? Nonce(HttpContext? context) =>
        context is not null && context.Items.TryGetValue(NonceKey, out var nonce) ? nonce as string : null;

    private static void SetHeaders(HttpContext context, SecurityHeaderOptions options)
    {
        var headers = context.Response.Headers;
        if (!headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = Nonce(context) is { } nonce
                ? options.ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                : options.ContentSecurityPolicy;
            // For browsers without frame-ancestors; a response with its own policy decides itself.
            headers.XFrameOptions = "DENY";
        }

        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = CarriesSecret(context.Request) ? "no-referrer" : "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = options.PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = options.StrictTransportSecurity;
        }
    }

    /// <summary>
    /// Pages whose own address is a secret: the presenter screen and the speakers' follow-up
    /// (?key=…) and a viewer's follow link (/fragen/{key}). Their links must not carry the address
    /// to another site, not even the origin's path.
    /// </summary>
    private static bool CarriesSecret(HttpRequest request) =>
        request.Query.ContainsKey("key") || request.Path.StartsWithSegments("/fragen");
}
