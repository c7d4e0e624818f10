using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Channels;
using OzgLive.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Channels;

/// <summary>
/// Issue 12's channels in Chromium against the real app: the stream overlay as OBS would load it
/// (1920×1080, transparent), the join code typed on a phone, and the organisers' QR slide.
/// </summary>
public sealed class ChannelsBrowserTests(BrowserFixture browser)
{
    private const string Slug = DemoContent.SpotOnOzgSlug;

    [Fact]
    public async Task The_overlay_fades_the_staged_question_in_and_out_over_a_transparent_background_with_the_QR_code()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderator = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await moderator.InvokeAsync("JoinEvent", Slug)).GetProperty("eventId").GetInt64();
        var key = await app.Get<OverlayKeys>().RegenerateAsync(eventId, "test");
        var added = await moderator.InvokeAsync("AddQuestion", eventId, new
        {
            text = "Wie kommen kleine Kommunen an die Fördermittel für die Digitalisierung?",
            displayName = "Anna Schmidt",
            organisation = "Gemeinde Musterstadt",
            source = "youTube",
            blockNumber = 1,
        });

        await using var visit = await browser.VisitAsync(1920, 1080);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, OverlayKeys.OverlayPath(Slug, key)).ToString());
        var lowerThird = page.Locator("#overlay-lower-third");
        await Expect(page.Locator(".overlay-join .join-qr-image svg")).ToBeVisibleAsync();
        await Expect(lowerThird).Not.ToHaveClassAsync(new Regex("is-visible"));

        await moderator.InvokeAsync("StageQuestion", eventId, added.GetProperty("id").GetInt64(), added.GetProperty("version").GetInt64());

        await Expect(lowerThird).ToHaveClassAsync(new Regex("is-visible"), new() { Timeout = 2000 });
        await Expect(lowerThird.Locator(".overlay-question")).ToHaveTextAsync("Wie kommen kleine Kommunen an die Fördermittel für die Digitalisierung?");
        await Expect(lowerThird.Locator(".overlay-asker")).ToHaveTextAsync("Anna Schmidt, Gemeinde Musterstadt");
        await Expect(lowerThird.Locator(".overlay-block")).Not.ToBeEmptyAsync();
        // Nothing but the parts is painted: the page itself is transparent for the video beneath.
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Equal("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor"));
        await Expect(lowerThird).ToHaveCSSAsync("opacity", "1");
        var screenshot = await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "overlay-1920.png"), OmitBackground = true });
        // What the stream shows: the QR code in the screenshot itself decodes to the event's join link.
        var code = (await app.Get<JoinCodes>().ForEventAsync(eventId))!;
        Assert.Equal(new Uri(app.BaseAddress, $"/j/{code}").ToString(), await DecodeQrAsync(visit.Page.Context, screenshot));
        await Axe.AssertNoViolationsAsync(page, "overlay");

        var staged = (await moderator.InvokeAsync("GetSnapshot", eventId)).GetProperty("queue").EnumerateArray()
            .Single(q => q.GetProperty("id").GetInt64() == added.GetProperty("id").GetInt64());
        await moderator.InvokeAsync("UnstageQuestion", eventId, staged.GetProperty("id").GetInt64(), staged.GetProperty("version").GetInt64());
        await Expect(lowerThird).Not.ToHaveClassAsync(new Regex("is-visible"), new() { Timeout = 2000 });
        EventPageTests.AssertOnlyLocalRequests(visit, app);
    }

    /// <summary>
    /// The QR code in a PNG screenshot, read the way a camera app reads it (ZXing). Chromium turns the
    /// PNG into grey levels, laid over white as the video beneath would light up a transparent page.
    /// </summary>
    private static async Task<string?> DecodeQrAsync(IBrowserContext context, byte[] png)
    {
        var scratch = await context.NewPageAsync();
        var grey = await scratch.EvaluateAsync<string>(
            """
            async base64 => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
              const canvas = new OffscreenCanvas(image.width, image.height);
              const context = canvas.getContext('2d');
              context.fillStyle = '#fff';
              context.fillRect(0, 0, image.width, image.height);
              context.drawImage(image, 0, 0);
              const rgba = context.getImageData(0, 0, image.width, image.height).data;
              let text = '';
              for (let i = 0; i < rgba.length; i += 4) {
                text += String.fromCharCode((rgba[i] * 299 + rgba[i + 1] * 587 + rgba[i + 2] * 114) / 1000 | 0);
              }
              return image.width + ':' + btoa(text);
            }
            """,
            Convert.ToBase64String(png));
        await scratch.CloseAsync();
        var width = int.Parse(grey[..grey.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var pixels = Convert.FromBase64String(grey[(grey.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var source = new ZXing.RGBLuminanceSource(pixels, width, pixels.Length / width, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        return new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)))?.Text;
    }

    [Fact]
    public async Task On_a_phone_a_code_typed_in_lower_case_on_the_start_page_leads_to_the_event_and_a_wrong_one_says_so()
    {
        await using var app = await TestApp.StartAsync();
        var ev = (await app.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(Slug))!;
        var code = (await app.Get<JoinCodes>().ForEventAsync(ev.Id))!;
        await using var visit = await browser.VisitAsync(360, 740);
        var page = visit.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await page.GetByLabel("Code eingeben").FillAsync("zzz 222");
        await page.GetByRole(AriaRole.Button, new() { Name = "Teilnehmen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Zu diesem Code gibt es keine Veranstaltung. Bitte prüfen Sie den Code und geben Sie ihn noch einmal ein.");
        await Expect(page.GetByLabel("Code eingeben")).ToHaveValueAsync("zzz 222");
        await Axe.AssertNoViolationsAsync(page, "join code refused");

        await page.GetByLabel("Code eingeben").FillAsync(JoinCodes.Display(code).ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Teilnehmen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/events/{Slug}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(ev.Title);
    }

    [Fact]
    public async Task The_organisers_slide_shows_the_QR_code_large_and_passes_axe_in_German_and_English()
    {
        await using var app = await TestApp.StartAsync();
        var ev = (await app.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(Slug))!;
        await using var visit = await browser.VisitAsync(1280, 720);
        var page = visit.Page;
        var slide = new Uri(app.BaseAddress, $"/organisation/veranstaltungen/{ev.Id}/qr-folie").ToString();

        await page.GotoAsync(slide);
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?"));
        await page.Locator("#email").FillAsync(TestApp.OrganiserEmail);
        await page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(slide);

        await Expect(page.Locator("h1")).ToHaveTextAsync(ev.Title);
        var qr = page.Locator(".join-slide-qr .join-qr-image");
        var box = (await qr.BoundingBoxAsync())!;
        Assert.True(box.Width >= 300, $"The QR code is {box.Width} px wide.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "join-slide-1280.png") });
        await Axe.AssertNoViolationsAsync(page, "join slide (de)");

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sprache/en?zurueck={Uri.EscapeDataString(new Uri(slide).PathAndQuery)}").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator(".join-slide-call")).ToHaveTextAsync("Ask and vote: scan the QR code or enter the code.");
        await Axe.AssertNoViolationsAsync(page, "join slide (en)");
    }

    [Fact]
    public async Task The_organisers_snippet_on_a_partners_page_sizes_the_embed_and_its_questions_count_for_the_partner()
    {
        await using var app = await TestApp.StartAsync();
        var hostPage = "";
        await using var partner = await OzgLive.BrowserTests.Viewer.PartnerSite.StartAsync(() => hostPage);
        var origin = partner.Address.TrimEnd('/');
        var ev = (await app.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(Slug))!;
        await app.Get<PartnerOrigins>().SaveAsync(ev.Id, [origin]);
        // The snippet exactly as the organiser copies it from the event page's "Kanäle" section.
        var organiserPage = await app.CreateClient(await app.SignInAsync()).GetStringAsync($"/organisation/veranstaltungen/{ev.Id}");
        var snippet = System.Net.WebUtility.HtmlDecode(
            Regex.Match(organiserPage, "<textarea id=\"embed-snippet\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline).Groups[1].Value);
        Assert.Contains("ozglive-embed", snippet, StringComparison.Ordinal);
        hostPage = $"<!DOCTYPE html><html lang=\"de\"><title>Partner</title><body><h1>Partnerseite</h1>{snippet}</body></html>";
        await using var visit = await browser.VisitAsync(1280, 900);
        var page = visit.Page;

        await page.GotoAsync(partner.Address);
        var frame = page.FrameLocator("#ozglive-embed");
        await Expect(frame.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        var embed = page.Frames.Single(f => f.Url.Contains($"/embed/{Slug}?partner=", StringComparison.Ordinal));
        var contentHeight = await embed.EvaluateAsync<int>("() => Math.ceil(document.documentElement.scrollHeight)");
        // The snippet's 800 px is replaced by the embed's own height: no scroll bar, no gap.
        await Expect(page.Locator("#ozglive-embed")).ToHaveAttributeAsync("height", contentHeight.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(800, contentHeight);

        await frame.Locator("#ask-text").FillAsync("Eine Frage von der Partnerseite: Gibt es die Folien?");
        await frame.Locator("#ask-submit").ClickAsync();
        // Stored: the server's answer replaces the "sending" line with the stored question.
        await Expect(frame.Locator("#my-questions > li")).ToHaveAttributeAsync("data-status", "pending");
        var stored = (await app.Get<OzgLive.Web.Questions.QuestionStore>().ListAsync(ev.Id)).Single(q => q.Text.StartsWith("Eine Frage von der Partnerseite", StringComparison.Ordinal));
        Assert.Equal("embed:" + origin, stored.Channel);
    }

    [Fact]
    public async Task The_embed_shows_inside_a_listed_partners_page_and_is_refused_inside_any_other()
    {
        await using var app = await TestApp.StartAsync();
        var embed = new Uri(app.BaseAddress, $"/embed/{Slug}").ToString();
        var hostPage = $"<!DOCTYPE html><html lang=\"de\"><title>Partner</title><iframe src=\"{embed}\" title=\"Fragen\" width=\"800\" height=\"600\"></iframe></html>";
        // Two partner pages on origins of their own (localhost with two ports); only one is listed.
        await using var listed = await OzgLive.BrowserTests.Viewer.PartnerSite.StartAsync(hostPage);
        await using var other = await OzgLive.BrowserTests.Viewer.PartnerSite.StartAsync(hostPage);
        var ev = (await app.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(Slug))!;
        await app.Get<PartnerOrigins>().SaveAsync(ev.Id, [listed.Address.TrimEnd('/')]);
        await using var visit = await browser.VisitAsync(1280, 900);
        var page = visit.Page;

        await page.GotoAsync(listed.Address);
        await Expect(page.FrameLocator("iframe").Locator("main.embed-main")).ToBeVisibleAsync();

        // The host page's load event waits for its frame, whether the frame loaded or was refused.
        await page.GotoAsync(other.Address);
        Assert.Equal(0, await page.FrameLocator("iframe").Locator("main.embed-main").CountAsync());

        // Opened directly, the embed works for anyone.
        await page.GotoAsync(embed);
        await Expect(page.Locator("main.embed-main")).ToBeVisibleAsync();
    }
}
