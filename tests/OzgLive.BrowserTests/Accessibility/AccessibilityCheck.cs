using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Accessibility;

/// <summary>
/// One browser profile in one language at one width that walks through pages, runs axe on each
/// (in dark mode too at 1280 px), saves a screenshot of each, and reports every violation at the end.
/// </summary>
internal sealed class AccessibilityCheck : IAsyncDisposable
{
    private readonly List<string> failures = [];

    private AccessibilityCheck(TestApp app, Visit visit, string language, int width)
    {
        App = app;
        Visit = visit;
        Language = language;
        Width = width;
    }

    public TestApp App { get; }

    public Visit Visit { get; }

    public IPage Page => Visit.Page;

    public string Language { get; }

    public int Width { get; }

    /// <summary>(language, width): German and English, phone and desktop.</summary>
    public static TheoryData<string, int> Matrix => new()
    {
        { "de", 360 },
        { "de", 1280 },
        { "en", 360 },
        { "en", 1280 },
    };

    /// <summary>A fresh profile; for English the language is chosen the way a visitor does, with the header's switch.</summary>
    /// <param name="height">800 unless a test needs a particular screen (a 360×740 phone).</param>
    public static async Task<AccessibilityCheck> StartAsync(BrowserFixture browser, TestApp app, string language, int width, int height = 800)
    {
        var visit = await browser.VisitAsync(width, height);
        var check = new AccessibilityCheck(app, visit, language, width);
        await visit.Page.GotoAsync(check.Url("/"));
        if (language == "en")
        {
            var toEnglish = visit.Page.Locator(".language-switch a[lang='en']");
            await Expect(toEnglish).ToHaveTextAsync("English");
            await toEnglish.ClickAsync();
        }

        await Expect(visit.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        return check;
    }

    public string Url(string path) => new Uri(App.BaseAddress, path).ToString();

    public async Task<IResponse?> GoAsync(string path)
    {
        var response = await Page.GotoAsync(Url(path));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", Language);
        return response;
    }

    /// <summary>Runs axe on the page as it is now, keeps its violations for the end, and saves a screenshot.</summary>
    public async Task CheckAsync(string screen)
    {
        var name = $"{screen}-{Language}-{Width}";
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", Language);
        Assert.True(
            await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{name}: the page scrolls sideways.");
        Record(name, await Axe.AxeAsync(Page));
        await Visit.ScreenshotAsync(name);

        // Dark mode has its own colours (site.css): they must meet AA as well.
        if (Width >= 1280)
        {
            await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            Record(name + "-dark", await Axe.AxeAsync(Page));
            await Visit.ScreenshotAsync(name + "-dark");
            await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        }
    }

    /// <summary>Fails with the violations of every page checked, so one run shows them all.</summary>
    public void AssertNoViolations() => Assert.True(failures.Count == 0, string.Join("\n\n", failures));

    public ValueTask DisposeAsync() => Visit.DisposeAsync();

    private void Record(string name, IReadOnlyList<AxeViolation> violations)
    {
        if (violations.Count > 0)
        {
            failures.Add(Axe.Describe(name, Page.Url, violations));
        }
    }
}
