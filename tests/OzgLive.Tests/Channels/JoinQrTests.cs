using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OzgLive.Tests.Organisers;
using OzgLive.Web.Channels;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OzgLive.Tests.Channels;

/// <summary>
/// The join QR code is an SVG made on the server that a phone reads as the join link: the test
/// paints the SVG's modules into a bitmap and decodes it with ZXing, as a camera app would.
/// </summary>
public sealed partial class JoinQrTests : IAsyncLifetime
{
    private OrganiserSite site = null!;

    public async ValueTask InitializeAsync() => site = await OrganiserSite.StartAsync();

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task The_QR_endpoint_serves_an_SVG_that_decodes_to_the_join_link()
    {
        var ev = await site.CreateEventAsync("qr-test", blocks: 1);
        var code = (await site.App.Get<JoinCodes>().ForEventAsync(ev.Id))!;
        var joinUrl = new Uri(site.App.BaseAddress, $"/j/{code}").ToString();

        using var response = await site.App.CreateClient().GetAsync("/events/qr-test/join-qr.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        // One unit per module: the symbol (version 3 for a link this long) plus 4 modules of quiet zone each side.
        using var expected = JoinQr.Encode(joinUrl);
        Assert.Equal($"0 0 {expected.ModuleMatrix.Count} {expected.ModuleMatrix.Count}", svg.Root.Attribute("viewBox")!.Value);
        Assert.Equal(joinUrl, Decode(svg));
    }

    [Fact]
    public async Task The_QR_code_can_be_downloaded_and_a_draft_has_none()
    {
        await site.CreateEventAsync("qr-download", blocks: 1);
        await site.CreateEventAsync("qr-entwurf", blocks: 1, status: "draft");
        using var client = site.App.CreateClient();

        using var download = await client.GetAsync("/events/qr-download/join-qr.svg?download=1");
        using var draft = await client.GetAsync("/events/qr-entwurf/join-qr.svg");

        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("qr-qr-download.svg", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
    }

    [Fact]
    public async Task The_slide_shows_title_code_and_QR_code_to_organisers_only()
    {
        var ev = await site.CreateEventAsync("qr-folie", blocks: 1);
        var code = (await site.App.Get<JoinCodes>().ForEventAsync(ev.Id))!;
        var path = $"/organisation/veranstaltungen/{ev.Id}/qr-folie";

        var slide = await site.GetAsync(path);
        using var anonymous = await site.App.CreateClient().GetAsync(path);

        Assert.Equal(ev.Title, slide.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal($"Code: {JoinCodes.Display(code)}", slide.QuerySelector(".join-slide-code")!.TextContent.Trim());
        Assert.NotNull(slide.QuerySelector(".join-qr-image[role='img'] svg"));
        Assert.Equal("/events/qr-folie/join-qr.svg?download=1", slide.GetElementById("slide-download")!.GetAttribute("href"));
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    /// <summary>Paints the SVG's path (QRCoder writes each run of dark modules as "Mx yhWv1h-Wz") at 8 px a module and decodes it.</summary>
    private static string? Decode(XDocument svg)
    {
        var size = int.Parse(svg.Root!.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
        const int Scale = 8;
        var pixels = Enumerable.Repeat((byte)255, size * Scale * size * Scale).ToArray();
        var path = svg.Descendants().Single(e => e.Name.LocalName == "path").Attribute("d")!.Value;
        foreach (Match run in Run().Matches(path))
        {
            var (x, y, width) = (int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture));
            for (var py = y * Scale; py < (y + 1) * Scale; py++)
            {
                Array.Fill(pixels, (byte)0, (py * size * Scale) + (x * Scale), width * Scale);
            }
        }

        var source = new RGBLuminanceSource(pixels, size * Scale, size * Scale, RGBLuminanceSource.BitmapFormat.Gray8);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)))?.Text;
    }

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\d+z")]
    private static partial Regex Run();
}
