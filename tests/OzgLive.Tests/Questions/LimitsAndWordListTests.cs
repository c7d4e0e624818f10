using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Abuse protection on the hub: per-viewer and per-address limits with a clear, coded refusal that
/// leaves other viewers alone, and the word list that holds questions for a moderator even when
/// auto-approve is on. Each test starts its own app, because the limits count per app and the
/// fake clock stands still.
/// </summary>
public sealed class LimitsAndWordListTests
{
    [Fact]
    public async Task By_default_a_viewer_asks_5_questions_a_minute_then_gets_rate_limited_and_others_still_ask()
    {
        await using var fixture = await QuestionFixture.StartAsync();
        var ev = await fixture.CreateEventAsync();
        await using var eager = await fixture.ViewerAsync(ev, "eager");
        await using var calm = await fixture.ViewerAsync(ev, "calm");
        for (var i = 1; i <= 5; i++)
        {
            await eager.AskAsync(ev.Id, $"Frage Nummer {i}");
            fixture.App.Time.Advance(TimeSpan.FromSeconds(5));
        }

        var before = await fixture.StoredStateAsync(ev.Id);
        var error = await Assert.ThrowsAsync<HubCallException>(() => eager.AskAsync(ev.Id, "Frage Nummer 6"));

        Assert.Equal("rate-limited", error.Code);
        Assert.Contains("Minute", error.Message);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        Assert.Equal("Ich frage zum ersten Mal", (await calm.AskAsync(ev.Id, "Ich frage zum ersten Mal")).Text());
        // The connection stays and the limit is per minute: once the first question is a minute old, one more fits.
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => eager.AskAsync(ev.Id, "Immer noch zu früh")));
        fixture.App.Time.Advance(TimeSpan.FromSeconds(35));
        Assert.Equal("Wieder erlaubt", (await eager.AskAsync(ev.Id, "Wieder erlaubt")).Text());
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => eager.AskAsync(ev.Id, "Und wieder zu viel")));
        Assert.Equal(7, (await fixture.StoredQuestionsAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task The_limit_follows_the_viewer_across_connections()
    {
        await using var fixture = await QuestionFixture.StartAsync();
        var ev = await fixture.CreateEventAsync();
        string token;
        await using (var first = await fixture.ViewerAsync(ev))
        {
            token = first.Token!;
            for (var i = 1; i <= 5; i++)
            {
                await first.AskAsync(ev.Id, $"Erste Verbindung, Frage {i}");
            }
        }

        await using var reconnected = await fixture.ViewerAsync(ev, token: token);
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => reconnected.AskAsync(ev.Id, "Neue Verbindung, gleiche Person")));
    }

    [Fact]
    public async Task A_retried_submission_is_answered_even_at_the_limit_and_does_not_count()
    {
        await using var fixture = await QuestionFixture.StartAsync();
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        var clientIds = Enumerable.Range(0, 5).Select(_ => QuestionCalls.NewClientId()).ToList();
        var asked = new List<long>();
        foreach (var clientId in clientIds)
        {
            asked.Add((await viewer.AskAsync(ev.Id, "Frage mit eigener Kennung", clientId)).Id());
        }

        // The browser did not see the last answer and sends it again: same question, no refusal.
        var retried = await viewer.AskAsync(ev.Id, "Frage mit eigener Kennung", clientIds[^1]);

        Assert.Equal(asked[^1], retried.Id());
        Assert.Equal(5, (await fixture.StoredQuestionsAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task By_default_a_viewer_casts_60_votes_a_minute_then_gets_rate_limited_and_others_still_vote()
    {
        await using var fixture = await QuestionFixture.StartAsync();
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var clicker = await fixture.ViewerAsync(ev, "clicker");
        await using var other = await fixture.ViewerAsync(ev, "other");
        var question = await fixture.ApprovedAsync(ev, author, moderator, "Wie oft darf man klicken?");

        // Taking a vote back counts as well: sixty clicks, ending with a vote.
        for (var i = 0; i < 60; i++)
        {
            await clicker.InvokeAsync("Vote", ev.Id, question.Id(), i % 2 == 1);
        }

        var before = await fixture.StoredStateAsync(ev.Id);
        var error = await Assert.ThrowsAsync<HubCallException>(() => clicker.InvokeAsync("Vote", ev.Id, question.Id(), false));

        Assert.Equal("rate-limited", error.Code);
        Assert.Contains("Minute", error.Message);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        Assert.Equal(1, (await fixture.StoredAsync(question.Id())).Votes);
        Assert.Equal(2, (await other.InvokeAsync("Vote", ev.Id, question.Id(), true)).GetProperty("votes").GetInt32());
        fixture.App.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await clicker.InvokeAsync("Vote", ev.Id, question.Id(), false)).GetProperty("votes").GetInt32());
    }

    [Fact]
    public async Task Configured_limits_per_viewer_and_per_address_are_applied()
    {
        await using var fixture = await QuestionFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Questions:QuestionsPerViewerPerMinute"] = "2",
            ["Questions:QuestionsPerAddressPerMinute"] = "3",
            ["Questions:VotesPerViewerPerMinute"] = "3",
        });
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var a = await fixture.ViewerAsync(ev, "A");
        await using var b = await fixture.ViewerAsync(ev, "B");
        await using var c = await fixture.ViewerAsync(ev, "C");

        await a.AskAsync(ev.Id, "A fragt eins");
        await a.AskAsync(ev.Id, "A fragt zwei");
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => a.AskAsync(ev.Id, "A fragt drei")));
        // Every test client comes from 127.0.0.1: the address has room for one more question.
        await b.AskAsync(ev.Id, "B fragt eins");
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => b.AskAsync(ev.Id, "B fragt zwei")));
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => c.AskAsync(ev.Id, "C fragt eins")));
        Assert.Equal(3, (await fixture.StoredQuestionsAsync(ev.Id)).Count);

        var question = (await fixture.StoredQuestionsAsync(ev.Id))[0];
        await moderator.InvokeAsync("ApproveQuestion", ev.Id, question.Id, question.Version);
        for (var i = 0; i < 3; i++)
        {
            await c.InvokeAsync("Vote", ev.Id, question.Id, true);
        }

        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => c.InvokeAsync("Vote", ev.Id, question.Id, false)));

        fixture.App.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("C fragt wieder", (await c.AskAsync(ev.Id, "C fragt wieder")).Text());
    }

    [Fact]
    public async Task New_viewer_ids_per_address_are_limited_so_a_script_cannot_mint_a_voter_per_vote()
    {
        await using var fixture = await QuestionFixture.StartAsync(new Dictionary<string, string?> { ["Questions:NewViewersPerAddressPerMinute"] = "3" });
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var voters = new List<Participant>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                voters.Add(await fixture.ViewerAsync(ev, $"voter {i}"));
            }

            var question = await fixture.ApprovedAsync(ev, voters[0], moderator, "Wie viele Stimmen schafft ein Skript?");
            foreach (var voter in voters)
            {
                await voter.InvokeAsync("Vote", ev.Id, question.Id(), true);
            }

            await using var script = await fixture.App.ConnectAsync();
            var error = await Assert.ThrowsAsync<HubCallException>(() => script.InvokeAsync("IdentifyViewer", (string?)null));
            Assert.Equal("rate-limited", error.Code);
            Assert.Contains("Minute", error.Message);
            Assert.Equal("viewer-required", await QuestionCalls.RefusedAsync(() => script.InvokeAsync("Vote", ev.Id, question.Id(), true)));
            Assert.Equal(3, (await fixture.StoredAsync(question.Id())).Votes);

            // A returning viewer with their token is not a new id and is not held up.
            await using var returning = await fixture.ViewerAsync(ev, "returning", token: voters[1].Token);
            Assert.Equal(voters[1].ViewerId, returning.ViewerId);

            fixture.App.Time.Advance(TimeSpan.FromMinutes(1));
            await using var nextMinute = await fixture.ViewerAsync(ev, "next minute");
            Assert.NotNull(nextMinute.ViewerId);
        }
        finally
        {
            foreach (var voter in voters)
            {
                await voter.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_rate_limited_viewer_keeps_the_connection_and_moderators_are_not_limited()
    {
        await using var fixture = await QuestionFixture.StartAsync(new Dictionary<string, string?> { ["Questions:QuestionsPerViewerPerMinute"] = "1" });
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var asked = await viewer.AskAsync(ev.Id, "Die eine erlaubte Frage");
        Assert.Equal("rate-limited", await QuestionCalls.RefusedAsync(() => viewer.AskAsync(ev.Id, "Eine zu viel")));

        // The viewer can still withdraw and read; moderators adding questions from elsewhere are not counted.
        Assert.Equal("withdrawn", (await viewer.InvokeAsync("WithdrawQuestion", ev.Id, asked.Id())).Status());
        Assert.Single((await viewer.SnapshotAsync(ev.Id)).GetProperty("myQuestions").EnumerateArray());
        for (var i = 0; i < 3; i++)
        {
            await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = $"Aus dem YouTube-Chat {i}", displayName = (string?)null, organisation = (string?)null, source = "youTube", blockNumber = (int?)null });
        }

        Assert.Equal(4, (await fixture.StoredQuestionsAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task The_default_word_list_holds_a_question_for_moderation_even_with_auto_approve_on_and_says_why()
    {
        await using var fixture = await QuestionFixture.StartAsync(QuestionFixture.GenerousLimits);
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        await moderator.InvokeAsync("SetAutoApprove", ev.Id, 1L, true);

        var ordinary = await author.AskAsync(ev.Id, "Wie gelingt Digitalisierung trotz Personalmangel?");
        var rude = await author.AskAsync(ev.Id, "Warum ist das Portal so SCHEISSE langsam?");
        var rudeName = await author.AskAsync(ev.Id, "Eine ganz normale Frage", displayName: "Der Vollidiot");
        var rudeOrg = await author.AskAsync(ev.Id, "Noch eine normale Frage", organisation: "Lügenpresse GmbH");

        Assert.Equal("approved", ordinary.Status());
        Assert.Equal("pending", rude.Status());
        Assert.Equal("pending", rudeName.Status());
        Assert.Equal("pending", rudeOrg.Status());
        var queue = (await moderator.SnapshotAsync(ev.Id)).GetProperty("queue");
        Assert.Equal("Wortliste: „scheiss*“", queue.Find(rude.Id()).GetProperty("heldReason").GetString());
        Assert.Equal("Wortliste: „vollidiot*“", queue.Find(rudeName.Id()).GetProperty("heldReason").GetString());
        Assert.Equal("Wortliste: „lügenpresse*“", queue.Find(rudeOrg.Id()).GetProperty("heldReason").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, queue.Find(ordinary.Id()).GetProperty("heldReason").ValueKind);

        // Viewers see only the ordinary one; the author is not told which word tripped the list.
        Assert.Equal([ordinary.Id()], (await viewer.SnapshotAsync(ev.Id)).GetProperty("publicQuestions").Ids());
        Assert.DoesNotContain("Wortliste", (await author.SnapshotAsync(ev.Id)).GetRawText());
        Assert.False(rude.TryGetProperty("heldReason", out _));

        // A moderator may still approve it after reading it.
        Assert.Equal("approved", (await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, rude.Id())).Status());
    }

    [Fact]
    public async Task With_auto_approve_off_a_listed_word_still_marks_the_question_for_the_moderators()
    {
        await using var fixture = await QuestionFixture.StartAsync(QuestionFixture.GenerousLimits);
        var ev = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev);

        var rude = await author.AskAsync(ev.Id, "Halt die Fresse, Herr Minister");

        Assert.Equal("pending", rude.Status());
        Assert.Equal("Wortliste: „halt die fresse“", (await fixture.StoredAsync(rude.Id())).HeldReason);
    }

    [Fact]
    public async Task A_configured_word_list_replaces_the_german_defaults()
    {
        await using var fixture = await QuestionFixture.StartAsync(new Dictionary<string, string?>(QuestionFixture.GenerousLimits)
        {
            ["Questions:HeldWords:0"] = "werbung",
            ["Questions:HeldWords:1"] = "gewinnspiel*",
        });
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        await moderator.InvokeAsync("SetAutoApprove", ev.Id, 1L, true);

        var advert = await author.AskAsync(ev.Id, "Hier Werbung für unser Produkt");
        var contest = await author.AskAsync(ev.Id, "Macht mit beim Gewinnspielabend!");
        var formerlyHeld = await author.AskAsync(ev.Id, "Das ist doch Scheiße");
        var compound = await author.AskAsync(ev.Id, "Sind Werbungskosten absetzbar?");

        Assert.Equal(QuestionStatus.Pending, (await fixture.StoredAsync(advert.Id())).Status);
        Assert.Equal("Wortliste: „werbung“", (await fixture.StoredAsync(advert.Id())).HeldReason);
        Assert.Equal("Wortliste: „gewinnspiel*“", (await fixture.StoredAsync(contest.Id())).HeldReason);
        Assert.Equal("approved", formerlyHeld.Status());
        Assert.Equal("approved", compound.Status());
    }
}
