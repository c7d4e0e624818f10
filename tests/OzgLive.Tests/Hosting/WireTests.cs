using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Hosting;

/// <summary>
/// What the viewer's browser gets over the wire from the tests' host (real Kestrel): fingerprinted,
/// precompressed static files cached for good, compressed HTML, and the hub left as it is.
/// </summary>
public sealed partial class WireTests : IAsyncLifetime
{
    private TestApp app = null!;

    public async ValueTask InitializeAsync() => app = await TestApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_viewer_page_links_fingerprinted_files_that_are_precompressed_and_cached_for_good()
    {
        using var http = app.CreateClient();
        var urls = await LocalAssetUrlsAsync(http, $"/events/{DemoContent.SpotOnOzgSlug}");

        var originals = urls.Select(url => Fingerprinted().Match(url)).Select(m => m.Success ? m.Groups["name"].Value + m.Groups["ext"].Value : null).ToList();
        Assert.All(urls, url => Assert.Matches(Fingerprinted(), url));
        Assert.Contains("css/site.css", originals);
        Assert.Contains("css/viewer.css", originals);
        Assert.Contains("lib/signalr/signalr.min.js", originals);
        Assert.Contains("js/event-live.js", originals);

        foreach (var (url, original) in urls.Zip(originals))
        {
            var source = File.ReadAllBytes(Path.Combine(Repo.Root, "wwwroot", original!));
            foreach (var encoding in new[] { "br", "gzip" })
            {
                using var response = await GetAsync(http, "/" + url, encoding);

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(response.Headers.CacheControl is { MaxAge.TotalDays: >= 365 } cache && cache.Extensions.Any(e => e.Name == "immutable"), $"{url}: Cache-Control {response.Headers.CacheControl}");
                Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
                var body = await response.Content.ReadAsByteArrayAsync();
                Assert.True(body.Length < source.Length, $"{url} as {encoding}: {body.Length} of {source.Length} bytes");
                Assert.Equal(source, Decompress(body, encoding));
            }
        }
    }

    [Fact]
    public async Task Every_page_links_its_stylesheets_and_scripts_by_fingerprinted_urls_that_resolve()
    {
        using var anonymous = app.CreateClient();
        using var organiser = app.CreateClient(await app.SignInAsync());
        var pages = new (HttpClient Client, string Path)[]
        {
            (anonymous, "/"),
            (anonymous, $"/events/{DemoContent.SpotOnOzgSlug}"),
            (anonymous, $"/embed/{DemoContent.SpotOnOzgSlug}"),
            (anonymous, $"/events/{DemoContent.ReplaySlug}/replay"),
            (anonymous, $"/events/{DemoContent.ReplaySlug}/replay/print"),
            (anonymous, "/login"),
            (organiser, "/organisation"),
            (organiser, $"/events/{DemoContent.SpotOnOzgSlug}/moderate"),
        };

        foreach (var (client, path) in pages)
        {
            var urls = await LocalAssetUrlsAsync(client, path);
            Assert.True(urls.Count > 0, $"{path} links no stylesheet or script");
            foreach (var url in urls)
            {
                Assert.True(Fingerprinted().IsMatch(url), $"{path} links {url}");
                using var response = await GetAsync(client, "/" + url, "br");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {url} answers {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task The_anonymous_viewer_page_is_compressed_and_signed_in_staff_pages_are_not()
    {
        var path = $"/events/{DemoContent.SpotOnOzgSlug}";
        using var anonymous = app.CreateClient();
        using var identity = await GetAsync(anonymous, path, encoding: null);
        var html = await identity.Content.ReadAsByteArrayAsync();

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var compressed = await GetAsync(anonymous, path, encoding);
            Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
            var body = await compressed.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length * 3 < html.Length, $"{encoding}: {body.Length} of {html.Length} bytes");
            Assert.Contains("Spot on OZG HE", System.Text.Encoding.UTF8.GetString(Decompress(body, encoding)), StringComparison.Ordinal);
        }

        // BREACH: a signed-in organiser's pages carry the antiforgery token of that session.
        using var organiser = app.CreateClient(await app.SignInAsync());
        using var staffPage = await GetAsync(organiser, "/organisation", "br, gzip");
        Assert.Equal(HttpStatusCode.OK, staffPage.StatusCode);
        Assert.Empty(staffPage.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await staffPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hubs_negotiate_answer_stays_uncompressed_JSON()
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, LiveHub.Path + "/negotiate?negotiateVersion=1");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString()));
    }

    [Fact]
    public async Task The_test_host_serves_blazor_web_js()
    {
        using var http = app.CreateClient();
        await AssertServesBlazorWebJsAsync(http);
    }

    /// <summary>The script interactive pages need, from the SDK's Microsoft.AspNetCore.App.Internal.Assets.</summary>
    internal static async Task AssertServesBlazorWebJsAsync(HttpClient http)
    {
        using var response = await GetAsync(http, "/_framework/blazor.web.js", "br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        var script = System.Text.Encoding.UTF8.GetString(Decompress(await response.Content.ReadAsByteArrayAsync(), "br"));
        Assert.Contains("Blazor", script, StringComparison.Ordinal);
    }

    /// <summary>The site's own stylesheets and scripts a page links, as written in its HTML.</summary>
    internal static async Task<List<string>> LocalAssetUrlsAsync(HttpClient http, string path)
    {
        var html = await http.GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(element => element.GetAttribute("href") ?? element.GetAttribute("src")!)
            .Where(url => !url.Contains("://", StringComparison.Ordinal))
            .ToList();
    }

    internal static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(encoding);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    internal static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>css/site.8xj06qqxcg.css: the build's fingerprint before the extension.</summary>
    [GeneratedRegex(@"^(?<name>(?:css|js|lib|_framework)/[\w./-]+?)\.(?<fingerprint>[a-z0-9]{10})(?<ext>\.(?:css|js))$")]
    internal static partial Regex Fingerprinted();
}
