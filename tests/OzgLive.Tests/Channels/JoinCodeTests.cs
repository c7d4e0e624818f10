using System.Net;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Organisers;
using OzgLive.Web.Channels;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Channels;

/// <summary>
/// The short join codes (/j/{code}): every event has one, made of characters that cannot be mistaken
/// for each other; typed in any case they lead to the event; anything else gets the same friendly
/// page with the field again, and guessing is slowed down.
/// </summary>
public sealed class JoinCodeTests : IAsyncLifetime
{
    private OrganiserSite site = null!;

    private TestApp App => site.App;

    public async ValueTask InitializeAsync() => site = await OrganiserSite.StartAsync();

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task Every_event_gets_its_own_six_character_code_without_look_alikes()
    {
        await site.CreateEventAsync("erste", blocks: 1);
        // Many at once, the way no form would: the database draws a code for each row.
        await using (var connection = App.Get<Database>().Open())
        {
            await connection.ExecuteAsync(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                INSERT INTO events (series_id, slug, title, scheduled_start_utc, status, created_utc, updated_utc)
                SELECT (SELECT MIN(id) FROM series), 'massen-' || i, 'Massen ' || i, '2026-06-10T08:00:00.000Z', 'scheduled',
                       '2026-03-31T08:00:00.000Z', '2026-03-31T08:00:00.000Z' FROM n
                """);
        }

        var codes = await JoinCodesAsync();

        Assert.True(codes.Count > 300, $"{codes.Count} events");
        Assert.All(codes, c => Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
    }

    [Theory]
    [InlineData("abc234", "ABC234")]
    [InlineData(" AbC 234 ", "ABC234")]
    [InlineData("abc-234", "ABC234")]
    [InlineData("ABC23O", null)] // O looks like 0: not in the alphabet
    [InlineData("ABC231", null)] // 1 looks like I and l
    [InlineData("ABC23", null)]
    [InlineData("ABC2345", null)]
    [InlineData("", null)]
    public void Typed_codes_are_read_case_insensitively_and_look_alikes_are_not_codes(string typed, string? expected) =>
        Assert.Equal(expected, JoinCodes.Normalize(typed));

    [Fact]
    public async Task The_join_link_leads_to_the_event_whatever_the_case_and_the_start_page_form_too()
    {
        var ev = await site.CreateEventAsync("mit-code", blocks: 1);
        var code = await CodeOfAsync(ev.Id);
        using var client = App.CreateClient();

        using var lower = await client.GetAsync($"/j/{code.ToLowerInvariant()}");
        using var typed = await client.GetAsync($"/j?code={Uri.EscapeDataString(JoinCodes.Display(code).ToLowerInvariant())}");

        Assert.Equal(HttpStatusCode.Redirect, lower.StatusCode);
        Assert.Equal("/events/mit-code", new Uri(App.BaseAddress, lower.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.Equal("/events/mit-code", new Uri(App.BaseAddress, typed.Headers.Location!).AbsolutePath);

        // The start page has the field, and it sends to /j.
        var home = await site.GetAsync("/");
        var form = home.QuerySelector("form[action='/j']")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("Code eingeben", home.QuerySelector($"label[for='{form.QuerySelector("input[name='code']")!.Id}']")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("ZZZZZZ")]
    [InlineData("nicht-mal-ein-code")]
    [InlineData("ABC0O1")]
    public async Task An_unknown_code_gets_a_German_message_and_the_field_again(string typed)
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync($"/j/{Uri.EscapeDataString(typed)}");
        var page = OrganiserSite.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Zu diesem Code gibt es keine Veranstaltung. Bitte prüfen Sie den Code und geben Sie ihn noch einmal ein.",
            page.GetElementById("join-error")!.TextContent.Trim());
        Assert.Equal(typed.Length > 12 ? typed[..12] : typed, page.QuerySelector("input[name='code']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_draft_events_code_is_answered_like_an_unknown_one()
    {
        var draft = await site.CreateEventAsync("entwurf-mit-code", blocks: 1, status: "draft");
        using var client = App.CreateClient();

        using var forDraft = await client.GetAsync($"/j/{await CodeOfAsync(draft.Id)}");
        using var forUnknown = await client.GetAsync("/j/ZZZZZZ");

        Assert.Equal(HttpStatusCode.BadRequest, forDraft.StatusCode);
        Assert.Equal(forUnknown.StatusCode, forDraft.StatusCode);
        Assert.Equal(await ErrorAsync(forUnknown), await ErrorAsync(forDraft));
    }

    [Fact]
    public async Task After_too_many_wrong_codes_even_the_right_one_waits_a_minute()
    {
        var ev = await site.CreateEventAsync("geraten", blocks: 1);
        var code = await CodeOfAsync(ev.Id);
        using var client = App.CreateClient();
        for (var i = 0; i < JoinPage.WrongCodesPerMinute; i++)
        {
            using var wrong = await client.GetAsync($"/j/ZZZZ{JoinCodes.Alphabet[i]}{JoinCodes.Alphabet[i]}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var refused = await client.GetAsync($"/j/{code}");
        var page = OrganiserSite.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.StartsWith("Zu viele falsche Codes", page.GetElementById("join-error")!.TextContent.Trim(), StringComparison.Ordinal);

        App.Time.Advance(TimeSpan.FromMinutes(1));
        using var later = await client.GetAsync($"/j/{code}");
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    private async Task<string> CodeOfAsync(long eventId) => (await App.Get<JoinCodes>().ForEventAsync(eventId))!;

    private async Task<IReadOnlyList<string>> JoinCodesAsync()
    {
        await using var connection = App.Get<Database>().Open();
        return (await connection.QueryAsync<string?>("SELECT join_code FROM events")).Select(c => c ?? "(none)").ToList();
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        OrganiserSite.Parse(await response.Content.ReadAsStringAsync()).GetElementById("join-error")!.TextContent.Trim();
}
