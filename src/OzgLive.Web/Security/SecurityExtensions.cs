using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;

namespace OzgLive.Web.Security;

/// <summary>What makes every response safer regardless of feature: headers, cookies, key storage (docs/security.md).</summary>
public static class SecurityExtensions
{
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.AddSecurityHeaders();
        builder.Services.AddSingleton<SiteAddress>();

        // "Server: Kestrel" tells a scanner which exploits to try and a visitor nothing (ASVS 13.4.6).
        builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        builder.Services.AddOptions<AntiforgeryOptions>()
            .Configure<IOptions<SiteOptions>>((options, site) =>
            {
                options.Cookie.Name = "ozglive.antiforgery";
                SiteCookies.Harden(options.Cookie, site.Value);
            });
        return builder;
    }
}
