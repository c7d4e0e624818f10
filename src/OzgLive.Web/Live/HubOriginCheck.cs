using Microsoft.Extensions.Options;
using OzgLive.Web.Security;

namespace OzgLive.Web.Live;

public sealed class SiteOptions
{
    /// <summary>
    /// The site's public address(es), e.g. "https://live.example.de". Browsers may open the hub only
    /// from these origins. Empty: only from the address the request itself was sent to.
    /// </summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>Every configured address is https: cookies can be "__Host-" and always Secure.</summary>
    public bool HttpsOnly => Addresses.Count > 0 && Addresses.All(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Refuses the hub's handshake (negotiate and WebSocket upgrade) from a browser page on another
/// origin. The sign-in cookie would otherwise let any website open the hub as a signed-in moderator.
/// Clients that are not browsers send no Origin and are judged by their credentials alone.
/// </summary>
public static class HubOriginCheck
{
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) =>
        app.UseWhen(
            LiveHub.IsHubRequest,
            hub => hub.Use((context, next) =>
            {
                // Not async on the way through: a WebSocket request stays in every middleware for the
                // connection's whole life, and an awaiting one keeps its state machine that long.
                var origin = context.Request.Headers.Origin.ToString();
                return origin.Length > 0 && !IsAllowed(origin, context) ? RefuseAsync(context) : next(context);
            }));

    private static Task RefuseAsync(HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
        SecurityLog.ForeignOrigin(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("Verbindungen zum Live-Hub sind nur von dieser Website aus erlaubt.");
    }

    private static bool IsAllowed(string origin, HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.Addresses;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri))
        {
            return false;
        }

        if (configured.Count > 0)
        {
            return configured.Any(address => Uri.TryCreate(address, UriKind.Absolute, out var allowed) && SameOrigin(allowed, originUri));
        }

        var own = new Uri($"{context.Request.Scheme}://{context.Request.Host}");
        return SameOrigin(own, originUri);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
