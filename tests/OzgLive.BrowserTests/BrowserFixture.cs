using Microsoft.Playwright;
using OzgLive.BrowserTests;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

namespace OzgLive.BrowserTests;

/// <summary>
/// One headless Chromium for all browser tests: Debian's (apt-get install chromium), or the one
/// OZGLIVE_CHROMIUM points to. Playwright's own browser download cannot work on these machines.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("OZGLIVE_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    /// <summary>artifacts/screenshots/ of the checkout (gitignored).</summary>
    public static string ScreenshotFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OzgLive.sln")))
                {
                    return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", "screenshots")).FullName;
                }
            }

            return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        }
    }

    /// <summary>docs/screenshots/{name}.png of the checkout, for the README (artifacts/ when there is no checkout).</summary>
    public static string DocsScreenshot(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OzgLive.sln")))
            {
                return Path.Combine(Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName, name + ".png");
            }
        }

        return Path.Combine(ScreenshotFolder, name + ".png");
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}: install Debian's (apt-get install chromium; tests/run.sh does) or set OZGLIVE_CHROMIUM.");
        }

        // An expectation waits until what the user would see is there; 10 s instead of Playwright's 5,
        // because CI shares two cores between this run and the integration tests (a focus or a
        // revealed result came a little after 5 s there). Nothing passes sooner for it.
        Assertions.SetDefaultExpectTimeout(10_000);
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without the networking switches Chromium keeps calling home, which a closed network
            // answers with refused connections (and which would count as third-party requests).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile at the given width that records every request the page makes.</summary>
    /// <param name="mobile">A phone: mobile viewport rules and touch (Playwright's mobile emulation).</param>
    public async Task<Visit> VisitAsync(int width = 1280, int height = 900, bool javaScript = true, bool mobile = false)
    {
        var context = await Chromium.NewContextAsync(new()
        {
            JavaScriptEnabled = javaScript,
            IsMobile = mobile,
            HasTouch = mobile,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "de-DE",
            // Far from Berlin on purpose: times on the page must not depend on the visitor's zone.
            TimezoneId = "America/New_York",
        });
        var visit = new Visit(context, await context.NewPageAsync());
        context.Request += (_, request) => visit.Record(request.Url);
        return visit;
    }

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        playwright?.Dispose();
    }
}

public sealed class Visit(IBrowserContext context, IPage page) : IAsyncDisposable
{
    private readonly List<string> requests = [];

    public IPage Page { get; } = page;

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>
    /// A barrier for "nothing else was requested" checks, instead of waiting a while: the page fetches
    /// one of our own files now, after everything it did while loading; the browser reports requests
    /// in the order they start, so once this one is in, every earlier one has been recorded too.
    /// </summary>
    public async Task RequestBarrierAsync()
    {
        var url = "/css/site.css?barrier=" + Guid.NewGuid().ToString("N");
        await Page.RunAndWaitForRequestAsync(
            () => Page.EvaluateAsync("url => fetch(url, { cache: 'no-store' }).then(r => r.status)", url),
            request => request.Url.EndsWith(url, StringComparison.Ordinal));
    }

    internal void Record(string url)
    {
        lock (requests)
        {
            requests.Add(url);
        }
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
