using System.Net;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>The viewer flow with the keyboard alone, without JavaScript, in English, and embedded in a partner's page.</summary>
public sealed class ViewerAccessTests(BrowserFixture browser)
{
    [Fact]
    public async Task Keyboard_alone_reaches_the_form_sends_a_question_sorts_and_votes_with_the_focus_always_visible()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        const string existing = "Wie finde ich die Ansprechpartner im Ministerium?";
        await moderation.AddAsync(existing);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await using var visit = await browser.VisitAsync(360, 800);
        var page = visit.Page;
        await OpenAsync(page, app);

        await TabUntilAsync(page, "#ask-text");
        await AssertFocusVisibleAsync(page);
        const string text = "Bekommen auch Ortsbeiräte eine Beratung?";
        await page.Keyboard.TypeAsync(text);
        await Expect(page.Locator("#ask-counter")).ToHaveTextAsync($"Noch {500 - text.Length} Zeichen");
        // Past "Anonym fragen" to the name, and past "merken" to the button.
        await TabUntilAsync(page, "#ask-name");
        await Expect(page.Locator("#ask-name")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.TypeAsync("Kai Lenz");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#ask-organisation")).ToBeFocusedAsync();
        await TabUntilAsync(page, "#ask-submit");
        await Expect(page.Locator("#ask-submit")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(MyQuestions(page).Locator(".status-label")).ToHaveTextAsync("wartet auf Freigabe");
        // "Meine Fragen" shows the question's number in the event, the one the moderators see.
        var number = (await moderation.FindAsync(text)).GetProperty("number").GetInt32();
        await Expect(MyQuestions(page).Locator(".question-number")).ToHaveTextAsync($"#{number}");

        await moderation.ApproveAsync(text);
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([existing, text]);

        // The sort choice: arrow keys move between the two options.
        await TabUntilAsync(page, "#sort-form input[value='stimmen']");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "neuesten zuerst" })).ToBeCheckedAsync();
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync([text, existing]);

        await TabUntilAsync(page, "#question-list button.vote");
        var vote = page.Locator("#question-list > li").First.Locator("button.vote");
        await Expect(vote).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Space");
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(vote.Locator("[data-field='votes']")).ToHaveTextAsync("1");
        await Expect(vote).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page);
        await page.EvaluateAsync("() => document.activeElement.scrollIntoView({ block: 'center', behavior: 'instant' })");
        var box = (await vote.BoundingBoxAsync())!;
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, "viewer-vote-focused-360.png"),
            Clip = new() { X = Math.Max(0, box.X - 16), Y = Math.Max(0, box.Y - 16), Width = Math.Min(360, box.Width + 32), Height = box.Height + 32 },
        });
        await page.Keyboard.PressAsync("Enter");
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(vote).ToBeFocusedAsync();

        // Holding live updates works from the keyboard too.
        await page.Keyboard.PressAsync("Shift+Tab");
        await TabBackUntilAsync(page, "#live-toggle");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#live-toggle")).ToHaveTextAsync("Live-Aktualisierung fortsetzen");
        await Expect(page.Locator("#live-toggle")).ToBeFocusedAsync();
        await visit.ScreenshotAsync("viewer-keyboard-360");
    }

    [Fact]
    public async Task Without_JavaScript_the_server_renders_the_questions_and_says_what_needs_JavaScript()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await Voters.VoteAsync(app, moderation.EventId, await moderation.AddAsync("Eine ältere Frage mit Stimmen", "Lea Voss"), 2);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await moderation.AddAsync("Eine neuere Frage ohne Stimmen");
        await SetLiveVideoAsync(app, "dQw4w9WgXcQ");

        await using var visit = await browser.VisitAsync(360, 800, javaScript: false);
        var page = visit.Page;
        await page.GotoAsync(Url(app));
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync(["Eine ältere Frage mit Stimmen", "Eine neuere Frage ohne Stimmen"]);
        await Expect(Question(page, "Eine ältere Frage mit Stimmen").Locator("time")).ToHaveTextAsync("vor 5 Minuten");
        await Expect(Question(page, "Eine ältere Frage mit Stimmen").Locator("[data-field='author']")).ToHaveTextAsync("Lea Voss");
        await Expect(Question(page, "Eine neuere Frage ohne Stimmen").Locator("[data-field='author']")).ToHaveTextAsync("Anonym");
        await Expect(page.Locator("#ask-text")).ToBeDisabledAsync();
        await Expect(page.Locator("#ask noscript p")).ToHaveTextAsync("Zum Senden von Fragen wird JavaScript benötigt. Die freigegebenen Fragen sehen Sie auch ohne JavaScript.");
        await Expect(page.Locator("#video noscript p")).ToHaveTextAsync("Um das Video hier auf der Seite abzuspielen, wird JavaScript benötigt.");
        await Expect(page.Locator("#video-load")).ToBeDisabledAsync();
        await Expect(page.Locator("#live-control")).ToBeHiddenAsync();

        // Sorting is a plain form.
        await page.GetByRole(AriaRole.Radio, new() { Name = "neuesten zuerst" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sortierung anwenden" }).ClickAsync();
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync(["Eine neuere Frage ohne Stimmen", "Eine ältere Frage mit Stimmen"]);
        Assert.Contains("sortierung=neueste", page.Url, StringComparison.Ordinal);
        await visit.ScreenshotAsync("viewer-without-javascript-360");
        AssertOnlyLocalRequests(visit.Requests, app);
    }

    [Fact]
    public async Task In_English_the_server_and_the_script_write_English()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await moderation.AddAsync("Is there a recording afterwards?");
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(Url(app, $"/sprache/en?zurueck=/events/{Slug}"));

        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Connected");
        await Expect(page.Locator("#qa-heading")).ToHaveTextAsync("Questions and answers");
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Not started yet\. Starts: \w+day \d+ \w+ \d{4}, 10:00\.$"));
        await Expect(Question(page, "Is there a recording afterwards?").Locator("button.vote")).ToHaveAccessibleNameAsync("Support question 0 votes");
        await AskAsync(page, "Will the slides be shared?", submit: "Send question");
        await Expect(MyQuestions(page).Locator(".status-label")).ToHaveTextAsync("waiting for approval");
        await Expect(page.Locator("#ask-done")).ToHaveTextAsync("Thank you! Your question has arrived and is waiting for the moderators' approval.");
        await moderation.ClockAsync("StartEvent");
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: welcome.");

        // For one request, without the cookie: ?lang=en (a partner may embed the English Q&A).
        await using var embedded = await browser.VisitAsync(360, 800);
        await embedded.Page.GotoAsync(Url(app, $"/embed/{Slug}?lang=en"));
        await Expect(embedded.Page.Locator("#qa-heading")).ToHaveTextAsync("Questions and answers");
        await Expect(embedded.Page.Locator("#connection-state")).ToHaveTextAsync("Connected");
        await embedded.Page.GotoAsync(Url(app, $"/embed/{Slug}?lang=de"));
        await Expect(embedded.Page.Locator("#qa-heading")).ToHaveTextAsync("Fragen und Antworten");
    }

    [Fact]
    public async Task The_embed_shows_the_live_QA_without_site_chrome_inside_a_partners_iframe()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        // A partner's page on another site (localhost is another site than 127.0.0.1), served by a
        // small server of the test's own. (A page the test fulfils itself would count as public, and
        // Chromium keeps public pages from framing addresses on the local network.)
        var partnerHtml = $"""
            <!doctype html><html lang="de"><head><meta charset="utf-8"><title>Partner</title></head>
            <body style="font-family: sans-serif; background: #eee">
            <h1>Landkreis Beispiel: Digitaltag</h1>
            <iframe id="ozglive" title="Live-Fragen" src="{Url(app, $"/embed/{Slug}")}" width="420" height="1000" style="border: 1px solid #999; background: #fff"></iframe>
            </body></html>
            """;
        await using var partner = await PartnerSite.StartAsync(partnerHtml);
        // Issue 12: only listed partner sites may frame the embed, so the organisers list this one.
        var partnerOrigin = partner.Address.TrimEnd('/');
        var eventId = (await app.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(Slug))!.Id;
        await app.Get<OzgLive.Web.Channels.PartnerOrigins>().SaveAsync(eventId, [partnerOrigin]);
        using (var http = app.CreateClient())
        {
            using var response = await http.GetAsync($"/embed/{Slug}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Frame-Options"), "The embed forbids framing.");
            // Was: no frame-ancestors at all (any site could frame it). Issue 12: the listed partners only.
            Assert.Equal($"frame-ancestors {partnerOrigin}", string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
            using var missing = await http.GetAsync("/embed/gibt-es-nicht");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(partner.Address + "digitaltag");

        var embed = page.FrameLocator("#ozglive");
        await Expect(embed.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(embed.Locator("h1")).ToHaveTextAsync("Spot on OZG HE – Der Hessische Weg: Erfolg durch gemeinsames Handeln");
        await Expect(embed.Locator(".site-header")).ToHaveCountAsync(0);
        await Expect(embed.Locator(".site-footer")).ToHaveCountAsync(0);
        await Expect(embed.Locator("nav")).ToHaveCountAsync(0);
        await Expect(embed.Locator("a", new() { HasText = "Auf OzgLive öffnen (neues Fenster)" })).ToHaveAttributeAsync("target", "_blank");

        const string text = "Kann unser Landkreis die Beratung für alle Gemeinden beantragen?";
        await embed.Locator("#ask-text").FillAsync(text);
        await embed.GetByRole(AriaRole.Button, new() { Name = "Frage senden" }).ClickAsync();
        await Expect(embed.Locator("#my-questions .status-label")).ToHaveTextAsync("wartet auf Freigabe");

        await using var site = await browser.VisitAsync(1280);
        await OpenAsync(site.Page, app);
        await moderation.ApproveAsync(text);
        await Expect(embed.Locator("#question-list .question-text")).ToHaveTextAsync(text);
        await Expect(Questions(site.Page).Locator(".question-text")).ToHaveTextAsync(text);
        await embed.Locator("#question-list button.vote").ClickAsync();
        // Once the server answered the vote, the count for the other page goes out coalesced, on the fake clock.
        await Expect(embed.Locator("#question-list button.vote")).ToHaveAttributeAsync("aria-pressed", "true");
        app.Time.Advance(VoteBroadcaster.Interval);
        await Expect(Questions(site.Page).Locator("[data-field='votes']")).ToHaveTextAsync("1");
        await visit.ScreenshotAsync("viewer-embed-in-partner-page");
    }

    private static async Task TabUntilAsync(IPage page, string selector, string key = "Tab")
    {
        for (var presses = 0; presses < 60; presses++)
        {
            await page.Keyboard.PressAsync(key);
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{key} never reached {selector}.");
    }

    private static Task TabBackUntilAsync(IPage page, string selector) => TabUntilAsync(page, selector, "Shift+Tab");

    /// <summary>The focused control shows the site's focus ring: a solid outline of at least 2 px.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var focus = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => { const e = document.activeElement; const s = getComputedStyle(e); return { matches: e.matches(':focus-visible'), style: s.outlineStyle, width: s.outlineWidth }; }");
        var matches = focus.GetProperty("matches").GetBoolean();
        var style = focus.GetProperty("style").GetString();
        var width = focus.GetProperty("width").GetString() ?? "";
        Assert.True(matches, "The focused control does not match :focus-visible.");
        Assert.Equal("solid", style);
        Assert.True(double.Parse(width.Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2, $"Outline only {width} wide.");
    }
}

/// <summary>A partner's website: one page, on localhost (another site than the app's 127.0.0.1).</summary>
internal sealed class PartnerSite : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly Task serving;

    private PartnerSite(HttpListener listener, Func<string> html)
    {
        this.listener = listener;
        serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }

                var body = System.Text.Encoding.UTF8.GetBytes(html());
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    public string Address => listener.Prefixes.Single();

    public static Task<PartnerSite> StartAsync(string html) => StartAsync(() => html);

    /// <summary>A site whose page is read at each request: for a page that needs the site's own address first.</summary>
    public static Task<PartnerSite> StartAsync(Func<string> html)
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://localhost:{port}/");
        listener.Start();
        return Task.FromResult(new PartnerSite(listener, html));
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}
