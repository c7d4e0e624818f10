using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Live;

/// <summary>
/// The hub's handshake (negotiate and WebSocket upgrade) refuses browser pages of other origins:
/// otherwise any website could open the hub with a signed-in moderator's cookie.
/// </summary>
public sealed class OriginTests(OriginTests.DefaultSite site) : IClassFixture<OriginTests.DefaultSite>
{
    /// <summary>The app without Site:Addresses: only its own address is same-origin.</summary>
    public sealed class DefaultSite : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;

        public CookieContainer OrganiserCookies { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            App = await TestApp.StartAsync();
            OrganiserCookies = await App.SignInAsync();
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    private TestApp App => site.App;

    /// <summary>The app's own origin, as a browser on one of its pages sends it.</summary>
    private string Own => App.BaseAddress.GetLeftPart(UriPartial.Authority);

    public static TheoryData<string> ForeignOrigins() =>
    [
        "http://evil.example",
        "https://evil.example",
        // The same host on another port or scheme is another origin.
        "http://127.0.0.1:1",
        "https://127.0.0.1",
        "http://localhost",
        // Sandboxed frames and file pages send "null".
        "null",
        "not a url",
    ];

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_WebSocket_handshake_from_a_foreign_origin_is_refused_with_403(string origin)
    {
        var (status, opened) = await TryWebSocketAsync(App, origin, site.OrganiserCookies);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.False(opened);
    }

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task Negotiate_from_a_foreign_origin_is_refused_with_403_and_gives_no_connection(string origin)
    {
        using var response = await NegotiateAsync(App, origin, site.OrganiserCookies);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("nur von dieser Website aus erlaubt", body, StringComparison.Ordinal);
        Assert.DoesNotContain("connectionToken", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_own_origin_and_no_origin_at_all_are_accepted()
    {
        // A page of this site (a browser) and a client that is not a browser (no Origin header).
        foreach (var origin in new[] { Own, null })
        {
            await using var hub = await HubTestClient.ConnectAsync(new Uri(App.BaseAddress, LiveHub.Path), site.OrganiserCookies, origin);
            var snapshot = await hub.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
            Assert.Equal("organiser", snapshot.GetProperty("role").GetString());

            using var negotiate = await NegotiateAsync(App, origin, site.OrganiserCookies);
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString()));
        }
    }

    [Fact]
    public async Task A_connection_negotiated_from_this_site_cannot_be_upgraded_from_a_foreign_origin()
    {
        using var negotiate = await NegotiateAsync(App, Own, site.OrganiserCookies);
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString()!;

        var (status, opened) = await TryWebSocketAsync(App, "http://evil.example", site.OrganiserCookies, $"?id={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.False(opened);
    }

    [Fact]
    public async Task The_check_also_holds_for_the_hub_path_in_other_letter_cases()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/HUBS/Live/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Pages_outside_the_hub_are_not_affected_by_the_check()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task<HttpResponseMessage> NegotiateAsync(TestApp app, string? origin, CookieContainer? cookies = null)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, LiveHub.Path + "/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await http.SendAsync(request);
        // Read the body before the client goes away.
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <returns>The handshake's HTTP status and whether a WebSocket was opened.</returns>
    internal static async Task<(HttpStatusCode Status, bool Opened)> TryWebSocketAsync(TestApp app, string origin, CookieContainer? cookies = null, string query = "")
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        if (cookies is not null)
        {
            socket.Options.Cookies = cookies;
        }

        var uri = new UriBuilder(new Uri(app.BaseAddress, LiveHub.Path + query)) { Scheme = "ws" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Refused: the status says why.
        }

        var opened = socket.State == WebSocketState.Open;
        if (opened)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        return (socket.HttpStatusCode, opened);
    }
}

/// <summary>With Site:Addresses configured (the public address behind a proxy), only those origins pass.</summary>
public sealed class ConfiguredOriginTests(ConfiguredOriginTests.ConfiguredSite site) : IClassFixture<ConfiguredOriginTests.ConfiguredSite>
{
    public sealed class ConfiguredSite : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            App = await TestApp.StartAsync(extra: new Dictionary<string, string?>
            {
                ["Site:Addresses:0"] = "https://live.example.de",
                ["Site:Addresses:1"] = "https://ozg-live.example.de:8443",
            });

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Theory]
    [InlineData("https://live.example.de")]
    [InlineData("https://LIVE.example.de")]
    [InlineData("https://live.example.de:443")]
    [InlineData("https://ozg-live.example.de:8443")]
    public async Task A_configured_site_address_is_accepted(string origin)
    {
        var (status, opened) = await OriginTests.TryWebSocketAsync(site.App, origin);
        using var negotiate = await OriginTests.NegotiateAsync(site.App, origin);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
        Assert.True(opened);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
    }

    [Theory]
    [InlineData("http://live.example.de")]
    [InlineData("https://live.example.de:8443")]
    [InlineData("https://ozg-live.example.de")]
    [InlineData("https://live.example.de.evil.example")]
    [InlineData("http://evil.example")]
    public async Task Any_other_origin_is_refused(string origin)
    {
        var (status, opened) = await OriginTests.TryWebSocketAsync(site.App, origin);
        using var negotiate = await OriginTests.NegotiateAsync(site.App, origin);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.False(opened);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
    }

    [Fact]
    public async Task Once_addresses_are_configured_the_apps_own_local_address_is_foreign_but_no_origin_still_passes()
    {
        var own = site.App.BaseAddress.GetLeftPart(UriPartial.Authority);
        var (status, _) = await OriginTests.TryWebSocketAsync(site.App, own);
        Assert.Equal(HttpStatusCode.Forbidden, status);

        await using var hub = await HubTestClient.ConnectAsync(new Uri(site.App.BaseAddress, LiveHub.Path));
        Assert.Equal("viewer", (await hub.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("role").GetString());
    }
}
