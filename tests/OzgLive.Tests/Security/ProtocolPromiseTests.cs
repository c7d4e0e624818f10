using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Security;

/// <summary>The promises of docs/hub-protocol.md that issue 13 found broken.</summary>
public sealed class ProtocolPromiseTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    [Fact]
    public async Task StartEvent_after_EndEvent_answers_event_ended_like_every_clock_command_after_the_end()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("EndEvent", ev.Id);

        var refused = await Assert.ThrowsAsync<HubCallException>(() => moderator.ClockAsync("StartEvent", ev.Id));

        Assert.Equal("event-ended", refused.Code);
    }

    [Fact]
    public async Task A_wrong_presenter_key_for_a_draft_answers_exactly_as_for_an_unknown_event()
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, draft.Id);
        await organiser.InvokeAsync("RegeneratePresenterKey", draft.Id);
        await using var screen = await fixture.App.ConnectAsync();

        var forDraft = await Assert.ThrowsAsync<HubCallException>(() => screen.InvokeAsync("JoinAsPresenter", draft.Slug, "falscher-schluessel"));
        var forNothing = await Assert.ThrowsAsync<HubCallException>(() => screen.InvokeAsync("JoinAsPresenter", "gibt-es-nicht-" + Guid.NewGuid().ToString("N")[..8], "falscher-schluessel"));

        Assert.Equal("event-not-found", forDraft.Code);
        Assert.Equal(forNothing.Message, forDraft.Message);

        // The presenter page answers the same way for both.
        using var http = fixture.App.CreateClient();
        using var draftPage = await http.GetAsync($"/events/{draft.Slug}/stage?key=falscher-schluessel");
        using var nothingPage = await http.GetAsync("/events/gibt-es-nicht-xyz/stage?key=falscher-schluessel");
        Assert.Equal(nothingPage.StatusCode, draftPage.StatusCode);
    }
}
