using System.Globalization;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Accessibility;

/// <summary>Keyboard use, the visible focus, "reduce motion", and the axe helper itself.</summary>
public sealed class KeyboardAndMotionTests(BrowserFixture browser)
{
    /// <summary>The longest transition or animation on the page, in seconds, over every element and pseudo-element.</summary>
    private const string LongestMotion =
        """
        () => {
            const seconds = list => Math.max(0, ...list.split(',').map(s => s.trim().endsWith('ms') ? parseFloat(s) / 1000 : parseFloat(s)));
            let longest = 0;
            for (const element of document.querySelectorAll('*')) {
                for (const pseudo of [null, '::before', '::after']) {
                    const style = getComputedStyle(element, pseudo);
                    const transition = style.transitionProperty === 'none' ? 0 : seconds(style.transitionDuration);
                    const animation = style.animationName === 'none' ? 0 : seconds(style.animationDuration);
                    longest = Math.max(longest, transition, animation);
                }
            }
            return longest;
        }
        """;

    [Fact]
    public async Task Reduce_motion_turns_off_every_transition_and_smooth_scrolling()
    {
        await using var app = await TestApp.StartAsync();
        var ev = (await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!;
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await SignInAsync(page, app);

        foreach (var path in new[] { "/", "/login", $"/events/{ev.Slug}", "/barrierefreiheit", $"/organisation/veranstaltungen/{ev.Id}" })
        {
            // Without the preference, links and buttons do fade: the check below has something to turn off.
            await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.NoPreference });
            await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
            Assert.True(await page.EvaluateAsync<double>(LongestMotion) >= 0.1, $"{path}: nothing moves even without the preference.");
            Assert.Equal("smooth", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).scrollBehavior"));

            await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
            var longest = await page.EvaluateAsync<double>(LongestMotion);
            Assert.True(longest <= 0.001, $"{path}: with reduced motion something still moves for {longest.ToString(CultureInfo.InvariantCulture)} s.");
            Assert.Equal("auto", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).scrollBehavior"));
        }
    }

    [Theory]
    [InlineData("/login", "main form button[type=submit]")]
    [InlineData("/organisation/veranstaltungen/{id}", "button[value='SetAutoAdvance:1']")]
    public async Task Every_link_button_and_field_shows_a_clear_focus_outline_when_reached_with_the_keyboard(string path, string last)
    {
        await using var app = await TestApp.StartAsync();
        var ev = (await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!;
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        if (path.StartsWith("/organisation", StringComparison.Ordinal))
        {
            await SignInAsync(page, app);
        }

        await page.GotoAsync(new Uri(app.BaseAddress, path.Replace("{id}", ev.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToString());
        var problems = new List<string>();
        var reachedLast = false;
        for (var i = 0; i < 200 && !reachedLast; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<FocusStyle>(
                """
                () => {
                    const e = document.activeElement;
                    const s = getComputedStyle(e);
                    return {
                        element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || e.value || '').trim().slice(0, 40) + '"',
                        outlineStyle: s.outlineStyle,
                        outlineWidth: parseFloat(s.outlineWidth) || 0,
                        boxShadow: s.boxShadow,
                        isBody: e === document.body,
                    };
                }
                """);
            if (focus.IsBody)
            {
                break;
            }

            // 3 px solid outline plus a 5 px contrasting halo (site.css): at least 2 px of solid line.
            if (focus.OutlineStyle is "none" or "hidden" || focus.OutlineWidth < 2 || focus.BoxShadow == "none")
            {
                problems.Add($"{focus.Element}: outline {focus.OutlineStyle} {focus.OutlineWidth}px, box-shadow {focus.BoxShadow}");
            }

            reachedLast = await page.Locator(last).EvaluateAsync<bool>("e => e === document.activeElement");
        }

        Assert.True(reachedLast, $"The keyboard never reached {last} on {path}.");
        Assert.True(problems.Count == 0, "Focus not clearly visible on:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Keyboard_users_skip_to_the_content_and_switch_the_language_on_the_same_page()
    {
        await using var app = await TestApp.StartAsync();
        await using var visit = await browser.VisitAsync(360, 800);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, "/barrierefreiheit").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToHaveTextAsync("Zum Inhalt springen");
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();

        // Landmarks: one banner, one main, one contentinfo; the navigation is named.
        await Expect(page.Locator("body > header")).ToHaveCountAsync(1);
        await Expect(page.Locator("body > main")).ToHaveCountAsync(1);
        await Expect(page.Locator("body > footer")).ToHaveCountAsync(1);
        await Expect(page.Locator("header nav")).ToHaveAttributeAsync("aria-label", "Hauptnavigation");

        await page.GotoAsync(new Uri(app.BaseAddress, "/barrierefreiheit").ToString());
        var toEnglish = page.Locator(".language-switch a");
        for (var i = 0; i < 20 && !await toEnglish.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(toEnglish).ToBeFocusedAsync();
        await Expect(toEnglish).ToHaveAttributeAsync("lang", "en");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/barrierefreiheit").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Accessibility statement");
        await Expect(page.Locator("a.skip-link")).ToHaveTextAsync("Skip to content");
        var toGerman = page.Locator(".language-switch a");
        await Expect(toGerman).ToHaveTextAsync("Deutsch");
        await Expect(toGerman).ToHaveAttributeAsync("lang", "de");

        // The choice stays for the next page.
        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Events");
        EventPageTests.AssertOnlyLocalRequests(visit, app);
    }

    [Fact]
    public async Task Axe_reports_the_violations_of_a_page_that_has_them()
    {
        await using var visit = await browser.VisitAsync(1280);
        await visit.Page.SetContentAsync(
            """<html><head><title>x</title></head><body><main><img src="data:," id="no-alt"><input id="no-label"><p style="color:#aaa;background:#fff">blass</p></main></body></html>""");

        var violations = await Axe.AxeAsync(visit.Page);

        var ids = violations.Select(v => v.Id).ToList();
        Assert.Contains("html-has-lang", ids);
        Assert.Contains("image-alt", ids);
        Assert.Contains("label", ids);
        Assert.Contains("color-contrast", ids);
        Assert.Equal(["#no-alt"], violations.Single(v => v.Id == "image-alt").Nodes.Single().Target);
        var message = Axe.Describe("a bad page", visit.Page.Url, violations);
        Assert.Contains("- label [critical]", message, StringComparison.Ordinal);
        Assert.Contains("at #no-label", message, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, TestApp app)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, "/login").ToString());
        await page.FillAsync("#email", TestApp.OrganiserEmail);
        await page.FillAsync("#password", TestApp.OrganiserPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/organisation").ToString());
    }

    /// <summary>Filled by Playwright from the page's answer (it needs settable properties).</summary>
    private sealed class FocusStyle
    {
        public string Element { get; set; } = "";

        public string OutlineStyle { get; set; } = "";

        public double OutlineWidth { get; set; }

        public string BoxShadow { get; set; } = "";

        public bool IsBody { get; set; }
    }
}
