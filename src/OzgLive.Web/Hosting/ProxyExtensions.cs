using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OzgLive.Web.Hosting;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address; the per-address limits on
/// questions and votes need the viewer's own. The proxy's X-Forwarded-For is believed only from
/// proxies we know: loopback (a proxy on the same machine) and the addresses in Proxy:KnownProxies.
/// </summary>
public static class ProxyExtensions
{
    public static IHostApplicationBuilder AddProxySupport(this IHostApplicationBuilder builder)
    {
        var known = builder.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in known)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }
        });
        return builder;
    }
}
