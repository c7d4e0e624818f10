using Microsoft.Extensions.Options;
using OzgLive.Web.Live;

namespace OzgLive.Web.Security;

/// <summary>
/// The site's public address for absolute links (exports, presenter and speaker links to copy). Taken
/// from Site:Addresses (the first one), never from the request's Host header, which the client
/// chooses: a forged Host would otherwise put an attacker's site into a transcript or a link that an
/// organiser hands on (ASVS 13.2, host header injection). Only without a configured address (a
/// developer's `dotnet run`) does the request's own address stand in.
/// </summary>
public sealed class SiteAddress(IOptions<SiteOptions> options)
{
    private readonly Uri? configured = options.Value.Addresses
        .Select(a => Uri.TryCreate(a.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null)
        .FirstOrDefault(uri => uri is not null);

    public bool IsConfigured => configured is not null;

    /// <param name="path">A site path starting with "/", e.g. "/events/x/replay".</param>
    public string Absolute(HttpRequest request, string path) =>
        (Base ?? $"{request.Scheme}://{request.Host}{request.PathBase}") + path;

    /// <summary>For components: the navigation manager's base is the request's, so it comes second.</summary>
    public string Absolute(Microsoft.AspNetCore.Components.NavigationManager navigation, string path) =>
        (Base ?? navigation.BaseUri.TrimEnd('/')) + path;

    private string? Base => configured?.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
