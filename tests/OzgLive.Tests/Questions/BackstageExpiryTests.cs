using System.Text.Json;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Backstage notes expire (issue 11): "until the next block" by default, or after the minutes the
/// moderator picked (the fake clock advances, the ticker runs); after the end no note and no "next"
/// question remain on the presenter screen.
/// </summary>
public sealed class BackstageExpiryTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task A_note_sent_until_the_next_block_is_gone_when_the_next_block_starts()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var presenter = await fixture.PresenterAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 1);

        var sent = await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Noch 2 Fragen, dann Block 2");
        await presenter.Client.WaitForAsync("BackstageChanged", m => m.GetProperty("messages").GetArrayLength() == 1);
        await moderator.ClockAsync("ExtendBlock", ev.Id, 5);
        Assert.Single(Notes(await moderator.InvokeAsync("GetSnapshot", ev.Id)));
        await moderator.ClockAsync("NextBlock", ev.Id);

        Assert.True(Assert.Single(sent.EnumerateArray()).GetProperty("untilNextBlock").GetBoolean());
        var cleared = await presenter.Client.WaitForAsync("BackstageChanged", m => m.GetProperty("messages").GetArrayLength() == 0);
        Assert.Empty(cleared.GetProperty("messages").EnumerateArray());
        Assert.Empty(Notes(await presenter.InvokeAsync("GetSnapshot", ev.Id)));
        Assert.Contains((await fixture.AuditAsync(ev.Id)).Select(e => (e.Actor, e.Action)), a => a == ("system", "backstage-expire"));
    }

    [Fact]
    public async Task A_note_with_a_duration_stays_over_the_next_block_and_is_gone_when_its_time_is_up()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var presenter = await fixture.PresenterAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var sentAt = fixture.App.Time.GetUtcNow();

        var sent = Assert.Single((await moderator.InvokeAsync("SendBackstageMessageFor", ev.Id, "Kamera 2 fällt für fünf Minuten aus", 5)).EnumerateArray());
        await moderator.ClockAsync("NextBlock", ev.Id);
        fixture.App.Time.Advance(TimeSpan.FromMinutes(4));
        await fixture.App.TickAsync();
        var stillUp = Notes(await presenter.InvokeAsync("GetSnapshot", ev.Id));
        fixture.App.Time.Advance(TimeSpan.FromMinutes(1));
        await fixture.App.TickAsync();

        Assert.False(sent.GetProperty("untilNextBlock").GetBoolean());
        Assert.Equal(sentAt.AddMinutes(5), sent.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Single(stillUp);
        await presenter.Client.WaitForAsync("BackstageChanged", m => m.GetProperty("messages").GetArrayLength() == 0);
        Assert.Empty(Notes(await presenter.InvokeAsync("GetSnapshot", ev.Id)));
        Assert.Empty(Notes(await moderator.InvokeAsync("GetSnapshot", ev.Id)));
    }

    [Fact]
    public async Task After_the_end_no_note_and_no_next_question_remain_and_no_note_can_be_sent()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        string key;
        await using (var organiser = await fixture.OrganiserAsync(ev))
        {
            key = (await organiser.InvokeAsync("RegeneratePresenterKey", ev.Id)).GetString()!;
        }

        await using var presenter = await fixture.PresenterWithKeyAsync(ev, key);
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = "Eine Frage, die niemand mehr stellt?", source = "email", blockNumber = (int?)null });
        await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Bis zum nächsten Block");
        await moderator.InvokeAsync("SendBackstageMessageFor", ev.Id, "Für eine Stunde", 60);
        using var http = fixture.App.CreateClient();
        var beforeEnd = await http.GetStringAsync($"/events/{ev.Slug}/stage?key={key}");

        await moderator.ClockAsync("EndEvent", ev.Id);
        var refused = await Assert.ThrowsAsync<HubCallException>(() => moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Zu spät"));
        var afterEnd = await http.GetStringAsync($"/events/{ev.Slug}/stage?key={key}");

        Assert.Contains("Eine Frage, die niemand mehr stellt?", beforeEnd, StringComparison.Ordinal);
        Assert.Contains("Für eine Stunde", beforeEnd, StringComparison.Ordinal);
        await presenter.Client.WaitForAsync("BackstageChanged", m => m.GetProperty("messages").GetArrayLength() == 0);
        Assert.Empty(Notes(await presenter.InvokeAsync("GetSnapshot", ev.Id)));
        Assert.Equal("event-ended", refused.Code);
        Assert.DoesNotContain("Eine Frage, die niemand mehr stellt?", afterEnd, StringComparison.Ordinal);
        Assert.DoesNotContain("Für eine Stunde", afterEnd, StringComparison.Ordinal);
        Assert.DoesNotContain("Bis zum nächsten Block", afterEnd, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public async Task A_duration_outside_1_to_120_minutes_is_refused(int minutes)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);

        var refused = await Assert.ThrowsAsync<HubCallException>(() => moderator.InvokeAsync("SendBackstageMessageFor", ev.Id, "Zu kurz oder zu lang", minutes));

        Assert.Equal("invalid-argument", refused.Code);
        Assert.Empty(Notes(await moderator.InvokeAsync("GetSnapshot", ev.Id)));
    }

    private static List<JsonElement> Notes(JsonElement snapshot) => [.. snapshot.GetProperty("backstage").EnumerateArray()];
}
