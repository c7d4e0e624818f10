using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Security;

namespace OzgLive.Tests.Security;

/// <summary>Findings 2, 3 and 6 (ASVS 3.4.1-3.4.6, 13.4.6): the security headers of every response.</summary>
public sealed class HeaderTests
{
    private const string Strict = "script-src 'self'";

    public static TheoryData<string> Pages => new()
    {
        "/",
        "/login",
        "/barrierefreiheit",
        $"/events/{DemoContent.SpotOnOzgSlug}",
        $"/events/{DemoContent.ReplaySlug}/replay",
        $"/events/{DemoContent.ReplaySlug}/replay/print",
        $"/events/{DemoContent.ReplaySlug}/replay/transcript.json",
        "/series/ozg-marketing-workshops",
        "/gibt-es-nicht",
        "/organisation",
        "/kein-zugriff",
        "/moderation",
        $"/events/{DemoContent.SpotOnOzgSlug}/moderate",
        "/healthz",
        "/sprache/en?zurueck=/",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_type_has_a_strict_policy_no_framing_nosniff_a_referrer_policy_and_no_server_header(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var http = app.CreateClient(await app.SignInAsync());

        using var response = await http.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains(Strict, csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), "Server header: " + string.Join(",", response.Headers.Server));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http");
    }

    [Theory]
    [InlineData($"/events/{DemoContent.SpotOnOzgSlug}/stage?key=geheimer-schluessel")]
    [InlineData($"/events/{DemoContent.ReplaySlug}/nachbereitung?key=geheimer-schluessel")]
    [InlineData("/fragen/geheimerschluessel")]
    public async Task Pages_whose_address_holds_a_key_send_no_referrer(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var http = app.CreateClient();

        using var response = await http.GetAsync(path);

        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Over_https_through_the_trusted_proxy_the_response_has_HSTS()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);

        Assert.StartsWith("max-age=31536000", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_that_sets_its_own_policy_keeps_it_and_gets_no_X_Frame_Options()
    {
        // The partner embed sets frame-ancestors with its partners itself; this stands in for it.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSecurityHeaders();
        await using var site = builder.Build();
        site.UseSecurityHeaders();
        site.MapGet("/embed", (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "frame-ancestors https://partner.example";
            return "eingebettet";
        });
        site.MapGet("/page", () => "seite");
        await site.StartAsync();
        var address = new Uri(site.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        using var http = new HttpClient { BaseAddress = address };

        using var embed = await http.GetAsync("/embed");
        using var page = await http.GetAsync("/page");

        Assert.Equal("frame-ancestors https://partner.example", Header(embed, "Content-Security-Policy"));
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.Equal("nosniff", Header(embed, "X-Content-Type-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
        await site.StopAsync();
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}
