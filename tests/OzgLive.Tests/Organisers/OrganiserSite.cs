using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Organisers;

/// <summary>The real app with a browser-like client signed in as the organiser, plus what the tests read back.</summary>
internal sealed class OrganiserSite : IAsyncDisposable
{
    private static readonly HtmlParser Parser = new();

    private OrganiserSite(TestApp app, CookieContainer cookies)
    {
        App = app;
        Cookies = cookies;
        Http = app.CreateClient(cookies);
    }

    public TestApp App { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Http { get; }

    public static async Task<OrganiserSite> StartAsync(bool seedDemo = true)
    {
        var app = await TestApp.StartAsync(seedDemo);
        return new OrganiserSite(app, await app.SignInAsync());
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>GETs a page that must render (200) and parses it.</summary>
    public async Task<IHtmlDocument> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{html}");
        return Parse(html);
    }

    /// <summary>Submits the form <paramref name="handler"/> of the page at <paramref name="path"/> as a browser would.</summary>
    public async Task<Submitted> SubmitAsync(string path, string handler, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        using var response = await TestApp.PostFormAsync(Http, path, form);
        var html = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location is Uri uri ? new Uri(App.BaseAddress, uri) : null;
        return new Submitted(response.StatusCode, location is null ? null : location.PathAndQuery + location.Fragment, Parse(html), html);
    }

    /// <summary>Submits and expects the POST-redirect-GET to <paramref name="expectedPrefix"/>; returns the page redirected to.</summary>
    public async Task<(string Location, IHtmlDocument Page)> SubmitAndFollowAsync(string path, string handler, Dictionary<string, string> fields, string expectedPrefix)
    {
        var submitted = await SubmitAsync(path, handler, fields);
        Assert.True(submitted.Status == HttpStatusCode.Redirect, $"POST {path} ({handler}): expected a redirect, got {(int)submitted.Status}\n{Errors(submitted.Document)}");
        Assert.StartsWith(expectedPrefix, submitted.Location, StringComparison.Ordinal);
        return (submitted.Location!, await GetAsync(submitted.Location!));
    }

    public Task<LiveEvent?> EventAsync(string slug) => App.Get<EventStore>().FindBySlugAsync(slug);

    public async Task<LiveEvent> DemoEventAsync() =>
        await EventAsync(OzgLive.Web.Demo.DemoContent.SpotOnOzgSlug) ?? throw new InvalidOperationException("No demo event.");

    /// <summary>Everything an organiser page could write, as text: equal snapshots mean nothing was changed.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = App.Get<Database>().Open();
        var text = new StringBuilder();
        foreach (var table in new[] { "series", "events", "blocks", "speakers", "accounts", "event_moderators", "clock_facts" })
        {
            text.Append("## ").AppendLine(table);
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM {table} ORDER BY 1, 2"))
            {
                text.AppendLine(string.Join(" | ", row.Select(c => $"{c.Key}={Convert.ToString(c.Value, CultureInfo.InvariantCulture)}")));
            }
        }

        return text.ToString();
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = App.Get<Database>().Open();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public async Task<long> CreateSeriesAsync(string title = "Testreihe", string slug = "testreihe")
    {
        var result = await App.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = title, Slug = slug });
        Assert.True(result.Ok, string.Join("; ", result.Errors.Values));
        return result.Id;
    }

    /// <summary>A scheduled event with <paramref name="blocks"/> blocks of 30 minutes, set up directly (not what the test is about).</summary>
    public async Task<LiveEvent> CreateEventAsync(string slug, int blocks = 3, string status = "scheduled")
    {
        var editor = App.Get<EventEditor>();
        var seriesId = await CreateSeriesAsync("Reihe " + slug, "reihe-" + slug);
        var result = await editor.SaveEventAsync(null, new EventInput
        {
            SeriesId = seriesId,
            Title = "Veranstaltung " + slug,
            Slug = slug,
            StartBerlin = new DateTime(2026, 6, 10, 10, 0, 0),
            Status = status,
        });
        Assert.True(result.Ok, string.Join("; ", result.Errors.Values));
        for (var i = 1; i <= blocks; i++)
        {
            var block = await editor.AddBlockAsync(result.Id, new BlockInput { Title = $"Thema {i}", PlannedMinutes = 30 });
            Assert.True(block.Ok, string.Join("; ", block.Errors.Values));
        }

        return (await App.Get<EventStore>().FindByIdAsync(result.Id))!;
    }

    public static string Errors(IHtmlDocument document) =>
        string.Join(" | ", document.QuerySelectorAll(".validation-message, .form-error, .error-summary li").Select(e => e.TextContent.Trim()));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}

internal sealed record Submitted(HttpStatusCode Status, string? Location, IHtmlDocument Document, string Html);

internal static class FormAssert
{
    /// <summary>
    /// The message is shown right after the input with id <paramref name="inputId"/>, inside the
    /// input's field, the input says it is invalid and points at the message, and the summary at the
    /// top of the form (role=alert) lists it with a link to the input.
    /// </summary>
    public static void FieldError(IHtmlDocument document, string inputId, string message)
    {
        var input = document.GetElementById(inputId);
        Assert.True(input is not null, $"No input #{inputId} on the page.");
        var errorId = inputId + "-error";
        var error = document.GetElementById(errorId);
        Assert.True(error is not null, $"No message for #{inputId}. Messages on the page: {OrganiserSite.Errors(document)}");
        Assert.Equal(message, error.TextContent.Trim());

        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains(errorId, (input.GetAttribute("aria-describedby") ?? "").Split(' '));
        Assert.Same(input, error.PreviousElementSibling);
        var field = input.ParentElement!;
        Assert.True(field.ClassList.Contains("field") && field.ClassList.Contains("invalid"), $"#{inputId} is not in an invalid field: {field.OuterHtml}");

        var summary = input.Closest("form")?.PreviousElementSibling;
        Assert.True(summary is not null && summary.GetAttribute("role") == "alert", "No error summary (role=alert) right before the form.");
        Assert.Contains(
            summary.QuerySelectorAll("a"),
            a => a.GetAttribute("href") == "#" + inputId && a.TextContent.Trim() == message);
    }

    /// <summary>The input is shown without a message.</summary>
    public static void NoFieldError(IHtmlDocument document, string inputId)
    {
        var input = document.GetElementById(inputId);
        Assert.NotNull(input);
        Assert.Null(document.GetElementById(inputId + "-error"));
        Assert.NotEqual("true", input.GetAttribute("aria-invalid"));
    }

    public static string Value(IHtmlDocument document, string inputId) => document.GetElementById(inputId) switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlTextAreaElement area => area.Value,
        IHtmlSelectElement select => select.Value ?? "",
        var other => throw new InvalidOperationException($"#{inputId} is {other?.TagName ?? "missing"}."),
    };

    public static IReadOnlyList<string> Options(IHtmlDocument document, string selectId) =>
        ((IHtmlSelectElement)document.GetElementById(selectId)!).Options.Select(o => o.Value).ToList();

    /// <summary>The text of the notice (role=status) on the page.</summary>
    public static string Notice(IHtmlDocument document) =>
        string.Join(" ", document.QuerySelectorAll("[role=status]").Select(e => e.TextContent.Trim()));

    public static string Alerts(IElement scope) =>
        string.Join(" ", scope.QuerySelectorAll("[role=alert]").Select(e => e.TextContent.Trim()));
}

internal static class Fields
{
    public static Dictionary<string, string> Event(
        long seriesId,
        string title = "Digitale Verwaltung im Gespräch",
        string slug = "",
        string start = "2026-06-10T10:00",
        string status = "scheduled",
        string liveVideo = "",
        string replayVideo = "",
        string moderatorName = "Dr. Anna Beispiel",
        string description = "") => new()
        {
            ["Input.SeriesId"] = seriesId.ToString(CultureInfo.InvariantCulture),
            ["Input.Title"] = title,
            ["Input.Slug"] = slug,
            ["Input.Description"] = description,
            ["Input.StartBerlin"] = start,
            ["Input.Status"] = status,
            ["Input.LiveVideo"] = liveVideo,
            ["Input.ReplayVideo"] = replayVideo,
            ["Input.ModeratorName"] = moderatorName,
        };

    public static Dictionary<string, string> Event(LiveEvent ev, string? status = null, string? title = null) =>
        Event(ev.SeriesId, title ?? ev.Title, ev.Slug, BerlinTime.ToBerlin(ev.ScheduledStart).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), status ?? ev.Status.ToDb(), moderatorName: ev.ModeratorName);

    public static Dictionary<string, string> Block(
        string title = "Förderprogramme für Kommunen",
        string minutes = "30",
        string video = "",
        params (string Name, string Role, string Organisation)[] speakers)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Description"] = "",
            ["Input.PlannedMinutes"] = minutes,
            ["Input.Video"] = video,
        };
        for (var i = 0; i < 4; i++)
        {
            var (name, role, organisation) = i < speakers.Length ? speakers[i] : ("", "", "");
            fields[$"Input.Speakers[{i}].Name"] = name;
            fields[$"Input.Speakers[{i}].Role"] = role;
            fields[$"Input.Speakers[{i}].Organisation"] = organisation;
        }

        return fields;
    }
}
