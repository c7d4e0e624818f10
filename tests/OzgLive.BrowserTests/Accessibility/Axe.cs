using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace OzgLive.BrowserTests.Accessibility;

/// <summary>
/// axe-core in the page under test: injected from the copy the build puts next to the test
/// assembly (npm package axe-core, see OzgLive.BrowserTests.csproj), never from a CDN.
/// Usage from any browser test: <c>await Axe.AssertNoViolationsAsync(page, "event page, running");</c>
/// </summary>
public static class Axe
{
    /// <summary>WCAG 2.1 level A and AA: what BITV 2.0 (via EN 301 549) asks of a web page.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static string ScriptPath
    {
        get
        {
            var copied = Path.Combine(AppContext.BaseDirectory, "axe-core", "axe.min.js");
            if (File.Exists(copied))
            {
                return copied;
            }

            throw new InvalidOperationException(
                $"axe-core is missing at {copied}. The build restores it (npm ci in tests/OzgLive.BrowserTests); rebuild the test project.");
        }
    }

    /// <summary>Runs axe on the page as it is now and returns the violations of WCAG 2.1 A/AA rules.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated through the DevTools protocol, not added as an inline <script>: the pages'
            // Content-Security-Policy (script-src 'self', no inline scripts) would block that.
            await page.EvaluateAsync("() => { " + await File.ReadAllTextAsync(ScriptPath) + "\n; return typeof window.axe === 'object'; }");
        }

        // Colours are measured as they are painted: a transition still running (after a switch to
        // dark mode, say) would be measured half-way.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");

        // As a JSON string: Playwright's own serialisation adds "$id" references to nested objects.
        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
                const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(result.violations.map(v => ({
                    id: v.id,
                    impact: v.impact ?? '',
                    help: v.help,
                    helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({
                        target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)),
                        html: n.html,
                        failureSummary: n.failureSummary ?? '',
                    })),
                })));
            }
            """,
            Tags);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, JsonOptions) ?? [];
    }

    /// <summary>Fails with every violation's rule, impact, help and the selectors of the elements concerned.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await AxeAsync(page);
        Assert.True(violations.Count == 0, Describe(what, page.Url, violations));
    }

    public static string Describe(string what, string url, IReadOnlyList<AxeViolation> violations)
    {
        var text = new StringBuilder($"axe found {violations.Count} WCAG 2.1 AA violation(s) on {what} ({url}):");
        foreach (var v in violations)
        {
            text.Append("\n- ").Append(v.Id).Append(" [").Append(v.Impact).Append("] ").Append(v.Help).Append(" (").Append(v.HelpUrl).Append(')');
            foreach (var node in v.Nodes)
            {
                text.Append("\n    at ").Append(string.Join(", ", node.Target));
                var summary = node.FailureSummary.ReplaceLineEndings(" ").Trim();
                if (summary.Length > 0)
                {
                    text.Append(" — ").Append(summary);
                }
            }
        }

        return text.ToString();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

public sealed record AxeNode(IReadOnlyList<string> Target, string Html, string FailureSummary);
