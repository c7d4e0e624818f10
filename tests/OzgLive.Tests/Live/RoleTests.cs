using System.Reflection;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;
using QuestionCaller = OzgLive.Web.Questions.Caller;

namespace OzgLive.Tests.Live;

/// <summary>Every kind of connection a hub method can be called from, as seen from one event.</summary>
public enum HubRole
{
    /// <summary>Not signed in, joined the event, never identified as a viewer.</summary>
    Anonymous,

    /// <summary>Not signed in, identified with IdentifyViewer (may ask and vote), joined the event.</summary>
    IdentifiedViewer,

    /// <summary>Not signed in, joined with the event's presenter key.</summary>
    Presenter,

    /// <summary>A signed-in moderator account assigned to another event, not this one.</summary>
    UnassignedModerator,

    /// <summary>A signed-in moderator account assigned to this event.</summary>
    AssignedModerator,

    /// <summary>A signed-in organiser account.</summary>
    Organiser,
}

/// <summary>
/// Every hub method against every kind of caller (one theory row per cell). Allowed calls have
/// their effect; refused ones answer with a code, change nothing stored and send nothing to anyone.
/// </summary>
public sealed class RoleTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    /// <summary>Who may call a method.</summary>
    private enum Access
    {
        /// <summary>Anyone (what they get back depends on their role).</summary>
        Everyone,

        /// <summary>A connection that identified as a viewer (IdentifyViewer) — no sign-in needed or used.</summary>
        IdentifiedViewer,

        /// <summary>Assigned moderators and organisers ([RequiresEventRole(Moderator)]).</summary>
        Moderator,

        /// <summary>Organisers only ([RequiresEventRole(Organiser)]).</summary>
        Organiser,
    }

    /// <summary>One hub method: who may call it, what the organiser prepares, the arguments, what an allowed call did.</summary>
    /// <param name="Changes">Whether an allowed call changes what is stored (else stored state must stay equal).</param>
    /// <param name="RefusedWith">The error code a caller without access gets.</param>
    private sealed record Row(
        Access Access,
        bool Changes,
        Func<Scene, Task> Arrange,
        Func<Scene, object?[]> Args,
        Func<Scene, JsonElement, Task> Expect,
        string RefusedWith = "forbidden");

    private static readonly Func<Scene, Task> Nothing = _ => Task.CompletedTask;

    private static Func<Scene, Task> Clock(params (string Method, object[] Args)[] commands) => async s =>
    {
        foreach (var (method, args) in commands)
        {
            await s.Organiser.ClockAsync(method, s.Event.Id, args);
        }
    };

    private static readonly Func<Scene, Task> Started = Clock(("StartEvent", []));
    private static readonly Func<Scene, Task> BlockOneRunning = Clock(("StartEvent", []), ("StartBlock", [1]));

    private static Func<Scene, JsonElement, Task> ClockIs(string command, Action<JsonElement> check) => async (s, result) =>
    {
        Assert.Equal(command, result.GetProperty("command").GetString());
        check(result.GetProperty("clock"));
        check(JsonSerializer.SerializeToElement((await s.StoredAsync()).Clock, Json.Options));
    };

    private static readonly Dictionary<string, Row> Table = new()
    {
        // ---- Watching: anyone ------------------------------------------------------------
        ["JoinEvent"] = new(Access.Everyone, false, s => s.AskAsync("pending"), s => [s.Event.Slug], (s, snapshot) =>
        {
            var role = s.Role switch
            {
                HubRole.AssignedModerator => "moderator",
                HubRole.Organiser => "organiser",
                _ => "viewer",
            };
            s.AssertSnapshotFor(role, snapshot);
            return Task.CompletedTask;
        }),
        ["JoinAsPresenter"] = new(Access.Everyone, false, s => s.AskAsync("pending"), s => [s.Event.Slug, s.PresenterKey], (s, snapshot) =>
        {
            // With the key everyone gets the presenter's view, moderators and organisers too.
            s.AssertSnapshotFor("presenter", snapshot);
            return Task.CompletedTask;
        }),
        ["JoinOverlay"] = new(Access.Everyone, false,
            async s => s.Values["overlayKey"] = await s.App.Get<OzgLive.Web.Channels.OverlayKeys>().RegenerateAsync(s.Event.Id, "test"),
            s => [s.Event.Id, s.Values["overlayKey"]], async (s, parts) =>
        {
            // With the overlay key anyone gets which parts are shown, then every switch.
            Assert.True(parts.GetProperty("showQuestion").GetBoolean());
            await s.App.Get<OzgLive.Web.Channels.OverlaySwitches>().SetAsync(s.Event.Id, OzgLive.Web.Channels.OverlayPart.Block, show: false);
            var changed = await s.Caller.WaitForAsync(nameof(OzgLive.Web.Channels.OverlayChanged));
            Assert.False(changed.GetProperty("showBlock").GetBoolean());
        }),
        ["GetSnapshot"] = new(Access.Everyone, false, s => s.AskAsync("pending"), s => [s.Event.Id], (s, snapshot) =>
        {
            var role = s.Role switch
            {
                HubRole.Presenter => "presenter",
                HubRole.AssignedModerator => "moderator",
                HubRole.Organiser => "organiser",
                _ => "viewer",
            };
            s.AssertSnapshotFor(role, snapshot);
            return Task.CompletedTask;
        }),
        ["GetPublicQuestions"] = new(Access.Everyone, false, async s =>
        {
            await s.AskAsync("pending");
            await s.AddAsync("public");
        }, s => [s.Event.Id, null], (s, page) =>
        {
            // Anyone may page the public list; it never holds what only moderators see.
            Assert.Equal([s.Q["public"].Id], page.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetInt64()));
            Assert.False(page.GetProperty("more").GetBoolean());
            return Task.CompletedTask;
        }),
        ["LeaveEvent"] = new(Access.Everyone, false, Nothing, s => [s.Event.Id], async (s, _) =>
        {
            // After leaving, the caller hears of no more changes.
            await s.Organiser.ClockAsync("SetAutoAdvance", s.Event.Id, true);
            await s.Watcher.WaitForAsync(ServerMessages.ClockChanged);
            await s.Caller.RoundTripAsync(s.Event.Id);
            Assert.DoesNotContain(s.Caller.Received, m => m.Target == ServerMessages.ClockChanged);
        }),
        ["IdentifyViewer"] = new(Access.Everyone, false, Nothing, _ => [null], async (s, ticket) =>
        {
            var viewerId = ticket.GetProperty("viewerId").GetString();
            var token = ticket.GetProperty("token").GetString();
            Assert.False(string.IsNullOrEmpty(viewerId));
            Assert.False(string.IsNullOrEmpty(token));
            // The token proves the same viewer on the next visit.
            await using var later = await s.App.ConnectAsync();
            Assert.Equal(viewerId, (await later.InvokeAsync("IdentifyViewer", token)).GetProperty("viewerId").GetString());
        }),

        // ---- Asking and voting: identified viewers ---------------------------------------
        ["AskQuestion"] = new(
            Access.IdentifiedViewer,
            true,
            Nothing,
            s => [s.Event.Id, new { clientId = "frage-1", text = "Wann kommt das digitale Bauantrag-Verfahren?", displayName = "Jana", organisation = "Kreis Fulda", blockNumber = (int?)null }],
            async (s, own) =>
            {
                Assert.Equal("pending", own.GetProperty("status").GetString());
                var stored = await s.StoredQuestionAsync(own.GetProperty("id").GetInt64());
                Assert.Equal("Wann kommt das digitale Bauantrag-Verfahren?", stored.Text);
                Assert.Equal(QuestionStatus.Pending, stored.Status);
            },
            RefusedWith: "viewer-required"),
        ["WithdrawQuestion"] = new(
            Access.IdentifiedViewer,
            true,
            // The caller's own question if it has a viewer id; anyone else's otherwise.
            s => s.AskAsync("own", asViewer: s.ViewerId),
            s => [s.Event.Id, s.Q["own"].Id],
            async (s, own) =>
            {
                Assert.Equal("withdrawn", own.GetProperty("status").GetString());
                Assert.Equal(QuestionStatus.Withdrawn, (await s.StoredQuestionAsync("own")).Status);
            },
            // Someone else's question answers like a missing one: nothing to learn by probing.
            RefusedWith: "question-not-found"),
        ["Vote"] = new(
            Access.IdentifiedViewer,
            true,
            s => s.AddAsync("approved"),
            s => [s.Event.Id, s.Q["approved"].Id, true],
            async (s, vote) =>
            {
                Assert.True(vote.GetProperty("voted").GetBoolean());
                Assert.Equal(1, vote.GetProperty("votes").GetInt32());
                Assert.Equal(1, (await s.StoredQuestionAsync("approved")).Votes);
            },
            RefusedWith: "viewer-required"),

        // ---- Polls: identified viewers answer, moderators run them ------------------------
        ["AnswerPoll"] = new(
            Access.IdentifiedViewer,
            true,
            s => s.OpenPollAsync(PollKind.Single),
            s => [s.Event.Id, s.PollId, new { choices = new[] { 2 } }],
            async (s, answer) =>
            {
                Assert.Equal(2, answer.GetProperty("answer").GetProperty("choices")[0].GetInt32());
                Assert.Equal(1, (await s.StoredPollAsync()).Results!.Items.Single(i => i.Key == "2").Count);
            },
            RefusedWith: "viewer-required"),
        ["ChangePollAnswer"] = new(
            Access.IdentifiedViewer,
            true,
            s => s.OpenPollAsync(PollKind.Single),
            s => [s.Event.Id, s.PollId, new { choices = new[] { 1 } }],
            async (s, answer) =>
            {
                Assert.Equal(1, answer.GetProperty("answer").GetProperty("choices")[0].GetInt32());
                Assert.Equal(1, (await s.StoredPollAsync()).Results!.Respondents);
            },
            RefusedWith: "viewer-required"),
        ["OpenPoll"] = new(Access.Moderator, true, s => s.PreparePollAsync(PollKind.Single), s => [s.Event.Id, s.PollId, s.PollVersion, (int?)null], async (s, poll) =>
        {
            Assert.Equal("open", poll.GetProperty("state").GetString());
            Assert.Equal(PollState.Open, (await s.StoredPollAsync()).State);
        }),
        ["ClosePoll"] = new(Access.Moderator, true, s => s.OpenPollAsync(PollKind.Single), s => [s.Event.Id, s.PollId, s.PollVersion], async (s, poll) =>
        {
            Assert.Equal("closed", poll.GetProperty("state").GetString());
            Assert.Equal(PollState.Closed, (await s.StoredPollAsync()).State);
        }),
        ["RevealPollResults"] = new(Access.Moderator, true, s => s.OpenPollAsync(PollKind.Single), s => [s.Event.Id, s.PollId, s.PollVersion, true], async (s, poll) =>
        {
            Assert.True(poll.GetProperty("revealed").GetBoolean());
            Assert.True((await s.StoredPollAsync()).Revealed);
        }),
        ["HidePollWord"] = new(Access.Moderator, true, s => s.OpenPollAsync(PollKind.WordCloud), s => [s.Event.Id, s.PollId, s.PollVersion, "Portal", true], async (s, poll) =>
        {
            Assert.Equal("portal", poll.GetProperty("results").GetProperty("hiddenWords")[0].GetString());
            Assert.Equal(["portal"], (await s.StoredPollAsync()).Results!.HiddenWords);
        }),
        ["ModeratePollAnswer"] = new(Access.Moderator, true, s => s.AnsweredTextPollAsync(), s => [s.Event.Id, (long)s.Values["answer"], true], async (s, poll) =>
        {
            Assert.Equal("Mehr Schnittstellen bitte", poll.GetProperty("results").GetProperty("items")[0].GetProperty("label").GetString());
            Assert.Empty((await s.StoredPollAsync()).Results!.Pending);
        }),

        // ---- Moderating questions: moderators of the event --------------------------------
        ["ApproveQuestion"] = new(Access.Moderator, true, s => s.AskAsync("pending"), s => [s.Event.Id, s.Q["pending"].Id, s.Q["pending"].Version], async (s, _) =>
            Assert.Equal(QuestionStatus.Approved, (await s.StoredQuestionAsync("pending")).Status)),
        ["BulkApprove"] = new(
            Access.Moderator,
            true,
            async s =>
            {
                await s.AskAsync("first");
                await s.AskAsync("second");
            },
            s => [s.Event.Id, new[] { s.Ref("first"), s.Ref("second") }],
            async (s, result) =>
            {
                Assert.Equal([s.Q["first"].Id, s.Q["second"].Id], result.GetProperty("approved").EnumerateArray().Select(e => e.GetInt64()).Order());
                Assert.Equal(QuestionStatus.Approved, (await s.StoredQuestionAsync("first")).Status);
                Assert.Equal(QuestionStatus.Approved, (await s.StoredQuestionAsync("second")).Status);
            }),
        ["RejectQuestion"] = new(Access.Moderator, true, s => s.AskAsync("pending"), s => [s.Event.Id, s.Q["pending"].Id, s.Q["pending"].Version, "offTopic"], async (s, _) =>
        {
            var stored = await s.StoredQuestionAsync("pending");
            Assert.Equal(QuestionStatus.Rejected, stored.Status);
            Assert.Equal(RejectReason.OffTopic, stored.RejectReason);
        }),
        ["EditQuestion"] = new(
            Access.Moderator,
            true,
            s => s.AskAsync("pending"),
            s => [s.Event.Id, s.Q["pending"].Id, s.Q["pending"].Version, "Wie weit ist die Registermodernisierung in Hessen?"],
            async (s, _) =>
            {
                var stored = await s.StoredQuestionAsync("pending");
                Assert.Equal("Wie weit ist die Registermodernisierung in Hessen?", stored.Text);
                Assert.NotEqual(stored.Text, stored.OriginalText);
            }),
        ["MergeQuestions"] = new(
            Access.Moderator,
            true,
            async s =>
            {
                await s.AskAsync("survivor");
                await s.AskAsync("duplicate");
            },
            s => [s.Event.Id, s.Q["survivor"].Id, s.Q["survivor"].Version, s.Q["duplicate"].Id, s.Q["duplicate"].Version],
            async (s, _) =>
            {
                var duplicate = await s.StoredQuestionAsync("duplicate");
                Assert.Equal(QuestionStatus.Merged, duplicate.Status);
                Assert.Equal(s.Q["survivor"].Id, duplicate.MergedIntoId);
                Assert.Equal(2, (await s.StoredQuestionAsync("survivor")).Askers);
            }),
        ["PinQuestion"] = new(Access.Moderator, true, s => s.AddAsync("approved"), s => [s.Event.Id, s.Q["approved"].Id, s.Q["approved"].Version, true], async (s, _) =>
            Assert.True((await s.StoredQuestionAsync("approved")).Pinned)),
        ["MoveQuestion"] = new(Access.Moderator, true, s => s.AddAsync("approved"), s => [s.Event.Id, s.Q["approved"].Id, s.Q["approved"].Version, 2], async (s, _) =>
            Assert.Equal(2, (await s.StoredQuestionAsync("approved")).BlockNumber)),
        ["StageQuestion"] = new(Access.Moderator, true, s => s.AddAsync("approved"), s => [s.Event.Id, s.Q["approved"].Id, s.Q["approved"].Version], async (s, _) =>
            Assert.Equal(QuestionStatus.OnStage, (await s.StoredQuestionAsync("approved")).Status)),
        ["UnstageQuestion"] = new(
            Access.Moderator,
            true,
            async s =>
            {
                await s.AddAsync("staged");
                await s.ModerateAsync("staged", "StageQuestion");
            },
            s => [s.Event.Id, s.Q["staged"].Id, s.Q["staged"].Version],
            async (s, _) => Assert.Equal(QuestionStatus.Approved, (await s.StoredQuestionAsync("staged")).Status)),
        ["MarkAnswered"] = new(
            Access.Moderator,
            true,
            async s =>
            {
                await s.AddAsync("staged");
                await s.ModerateAsync("staged", "StageQuestion");
            },
            s => [s.Event.Id, s.Q["staged"].Id, s.Q["staged"].Version, "Ab Herbst in allen Kreisen."],
            async (s, _) =>
            {
                var stored = await s.StoredQuestionAsync("staged");
                Assert.Equal(QuestionStatus.Answered, stored.Status);
                Assert.Equal("Ab Herbst in allen Kreisen.", stored.AnswerText);
            }),
        ["ReopenQuestion"] = new(
            Access.Moderator,
            true,
            async s =>
            {
                await s.AskAsync("rejected");
                await s.ModerateAsync("rejected", "RejectQuestion", "other");
            },
            s => [s.Event.Id, s.Q["rejected"].Id, s.Q["rejected"].Version],
            async (s, _) => Assert.Equal(QuestionStatus.Pending, (await s.StoredQuestionAsync("rejected")).Status)),
        ["AddQuestion"] = new(
            Access.Moderator,
            true,
            Nothing,
            s => [s.Event.Id, new { text = "Frage aus dem YouTube-Chat: Gibt es die Folien?", displayName = (string?)null, organisation = (string?)null, source = "youTube", blockNumber = 1 }],
            async (s, added) =>
            {
                var stored = await s.StoredQuestionAsync(added.GetProperty("id").GetInt64());
                Assert.Equal(QuestionSource.YouTube, stored.Source);
                Assert.Equal(QuestionStatus.Approved, stored.Status);
                Assert.Equal(1, stored.BlockNumber);
            }),
        ["SetAutoApprove"] = new(Access.Moderator, true, Nothing, s => [s.Event.Id, s.SettingsVersion, true], async (s, _) =>
            Assert.True((await s.StoredAsync()).Questions.AutoApprove)),
        ["SetQuestionsState"] = new(Access.Moderator, true, Nothing, s => [s.Event.Id, s.SettingsVersion, "paused", null], async (s, _) =>
            Assert.Equal(QuestionsState.Paused, (await s.StoredAsync()).Questions.QuestionsState)),
        ["SendBackstageMessage"] = new(Access.Moderator, true, Nothing, s => [s.Event.Id, "Bitte noch eine Frage, dann Schluss."], async (s, _) =>
            Assert.Equal("Bitte noch eine Frage, dann Schluss.", Assert.Single((await s.StoredAsync()).Backstage!).Text)),
        ["SendBackstageMessageFor"] = new(Access.Moderator, true, Nothing, s => [s.Event.Id, "Kamera 2 fällt kurz aus.", 5], async (s, _) =>
            Assert.Equal("Kamera 2 fällt kurz aus.", Assert.Single((await s.StoredAsync()).Backstage!).Text)),
        ["DismissBackstageMessage"] = new(
            Access.Moderator,
            true,
            async s => s.Values["message"] = (await s.Organiser.InvokeAsync("SendBackstageMessage", s.Event.Id, "Noch fünf Minuten."))[0].GetProperty("id").GetInt64(),
            s => [s.Event.Id, s.Values["message"]],
            async (s, _) => Assert.Empty((await s.StoredAsync()).Backstage!)),
        ["GetAuditLog"] = new(
            Access.Moderator,
            false,
            async s =>
            {
                await s.AskAsync("pending");
                await s.ModerateAsync("pending", "ApproveQuestion");
            },
            s => [s.Event.Id],
            (s, log) =>
            {
                var actions = log.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
                Assert.Contains("ask", actions);
                Assert.Contains("approve", actions);
                return Task.CompletedTask;
            }),

        // ---- The clock: moderators of the event -----------------------------------------
        ["StartEvent"] = new(Access.Moderator, true, Nothing, s => [s.Event.Id, 0L], ClockIs("startEvent", clock => Assert.Equal("intro", Phase(clock)))),
        ["ScheduleAndStartEvent"] = new(Access.Moderator, true, Nothing, s => [s.Event.Id, 0L], ClockIs("startEvent", clock => Assert.Equal("intro", Phase(clock)))),
        ["StartBlock"] = new(Access.Moderator, true, Started, s => [s.Event.Id, 1L, 2], ClockIs("startBlock", clock =>
        {
            Assert.Equal("block", Phase(clock));
            Assert.Equal(2, clock.GetProperty("currentBlock").GetInt32());
        })),
        ["ExtendBlock"] = new(Access.Moderator, true, BlockOneRunning, s => [s.Event.Id, 2L, 5], ClockIs("extendBlock", clock =>
            Assert.Equal(5, clock.GetProperty("current").GetProperty("extendedMinutes").GetInt32()))),
        ["PauseBlock"] = new(Access.Moderator, true, BlockOneRunning, s => [s.Event.Id, 2L], ClockIs("pauseBlock", clock =>
            Assert.Equal("paused", clock.GetProperty("current").GetProperty("state").GetString()))),
        ["ResumeBlock"] = new(Access.Moderator, true, Clock(("StartEvent", []), ("StartBlock", [1]), ("PauseBlock", [])), s => [s.Event.Id, 3L], ClockIs("resumeBlock", clock =>
            Assert.Equal("running", clock.GetProperty("current").GetProperty("state").GetString()))),
        ["EndBlock"] = new(Access.Moderator, true, BlockOneRunning, s => [s.Event.Id, 2L], ClockIs("endBlock", clock =>
        {
            Assert.Equal("between", Phase(clock));
            Assert.Equal("done", clock.GetProperty("blocks")[0].GetProperty("state").GetString());
        })),
        ["NextBlock"] = new(Access.Moderator, true, Started, s => [s.Event.Id, 1L], ClockIs("nextBlock", clock =>
            Assert.Equal(1, clock.GetProperty("currentBlock").GetInt32()))),
        ["EndEvent"] = new(Access.Moderator, true, Started, s => [s.Event.Id, 1L], ClockIs("endEvent", clock => Assert.Equal("ended", Phase(clock)))),
        ["SetAutoAdvance"] = new(Access.Moderator, true, Nothing, s => [s.Event.Id, 0L, true], ClockIs("setAutoAdvance", clock =>
            Assert.True(clock.GetProperty("autoAdvance").GetBoolean()))),

        // ---- The presenter link: organisers only -----------------------------------------
        ["RegeneratePresenterKey"] = new(Access.Organiser, true, Nothing, s => [s.Event.Id], async (s, key) =>
        {
            Assert.NotEqual(s.PresenterKey, key.GetString());
            Assert.Equal(key.GetString(), (await s.StoredAsync()).PresenterKey);
            Assert.False(await s.App.Get<PresenterKeys>().VerifyAsync(s.Event.Id, s.PresenterKey));
        }),
        ["RevokePresenterKey"] = new(Access.Organiser, true, Nothing, s => [s.Event.Id], async (s, _) =>
        {
            Assert.Null((await s.StoredAsync()).PresenterKey);
            Assert.False(await s.App.Get<PresenterKeys>().VerifyAsync(s.Event.Id, s.PresenterKey));
        }),
    };

    public static TheoryData<string, HubRole> EveryMethodAndRole()
    {
        var data = new TheoryData<string, HubRole>();
        foreach (var method in Table.Keys)
        {
            foreach (var role in Enum.GetValues<HubRole>())
            {
                data.Add(method, role);
            }
        }

        return data;
    }

    /// <summary>The hub's methods as SignalR sees them: public, declared on LiveHub, not inherited overrides.</summary>
    private static List<MethodInfo> HubMethods() =>
        typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(LiveHub))
            .ToList();

    [Fact]
    public void The_table_has_exactly_one_row_for_every_hub_method()
    {
        var methods = HubMethods();
        Assert.Equal(methods.Select(m => m.Name).Order(), Table.Keys.Order());
        // A name SignalR could not tell apart would make the table ambiguous.
        Assert.Equal(methods.Count, methods.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void The_tables_access_column_is_the_role_the_hub_actually_enforces()
    {
        foreach (var method in HubMethods())
        {
            var required = method.GetCustomAttribute<RequiresEventRoleAttribute>()?.Role;
            var expected = Table[method.Name].Access switch
            {
                Access.Moderator => EventRole.Moderator,
                Access.Organiser => EventRole.Organiser,
                _ => (EventRole?)null,
            };
            Assert.True(expected == required, $"{method.Name}: the table says {Table[method.Name].Access}, the hub requires {required?.ToString() ?? "nothing"}");
            if (required is not null)
            {
                // The filter reads the event id from the first argument.
                Assert.Equal(typeof(long), method.GetParameters()[0].ParameterType);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryMethodAndRole))]
    public async Task Hub_method_is_allowed_or_refused_by_the_callers_role(string method, HubRole role)
    {
        var row = Table[method];
        await using var scene = await Scene.CreateAsync(fixture, role);
        await row.Arrange(scene);
        await scene.SettleAsync();
        var stored = await scene.StoredTextAsync();
        var heard = scene.MessageCounts();

        if (!MayCall(row.Access, role))
        {
            var refused = await Assert.ThrowsAsync<HubCallException>(() => scene.Caller.InvokeAsync(method, row.Args(scene)));
            Assert.Equal(row.RefusedWith, refused.Code);

            Assert.Equal(stored, await scene.StoredTextAsync());
            await scene.SettleAsync();
            Assert.Equal(heard, scene.MessageCounts());
            // The connection is still usable after the refusal.
            await scene.Caller.InvokeAsync("GetSnapshot", scene.Event.Id);
            return;
        }

        var result = await scene.Caller.InvokeAsync(method, row.Args(scene));
        if (row.Changes)
        {
            Assert.NotEqual(stored, await scene.StoredTextAsync());
        }
        else
        {
            Assert.Equal(stored, await scene.StoredTextAsync());
        }

        await row.Expect(scene, result);
    }

    [Theory]
    [InlineData(HubCaller.Viewer)]
    [InlineData(HubCaller.UnassignedModerator)]
    [InlineData(HubCaller.AssignedModerator)]
    [InlineData(HubCaller.Organiser)]
    public async Task Only_moderators_and_organisers_of_the_event_join_its_moderator_group(HubCaller caller)
    {
        // The moderator group gets the presenter warnings: a viewer joined next to a moderator shows who got it.
        var ev = await fixture.CreateEventAsync();
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, ev.Id);
        await using var hub = await fixture.ConnectAsync(caller, ev.Id);
        Assert.Equal(ExpectedRole(caller), (await hub.InvokeAsync("JoinEvent", ev.Slug)).GetProperty("role").GetString());
        await organiser.InvokeAsync("JoinEvent", ev.Slug);
        await organiser.ClockAsync("StartEvent", ev.Id);
        await organiser.ClockAsync("StartBlock", ev.Id, 1);

        fixture.App.Time.Advance(TimeSpan.FromMinutes(26));
        await fixture.App.TickAsync();
        var organiserWarning = await organiser.WaitForAsync(ServerMessages.ClockWarning);
        Assert.Equal("fiveMinutes", organiserWarning.GetProperty("level").GetString());

        await hub.RoundTripAsync(ev.Id);
        var warned = hub.Received.Any(m => m.Target == ServerMessages.ClockWarning);
        Assert.Equal(caller is HubCaller.AssignedModerator or HubCaller.Organiser, warned);
    }

    [Theory]
    [InlineData(HubCaller.Viewer, false)]
    [InlineData(HubCaller.UnassignedModerator, false)]
    [InlineData(HubCaller.AssignedModerator, true)]
    [InlineData(HubCaller.Organiser, true)]
    public async Task A_draft_event_is_invisible_to_the_public_but_open_to_its_staff(HubCaller caller, bool sees)
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        await using var hub = await fixture.ConnectAsync(caller, draft.Id);

        if (!sees)
        {
            var join = await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("JoinEvent", draft.Slug));
            Assert.Equal("event-not-found", join.Code);
            var snapshot = await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("GetSnapshot", draft.Id));
            Assert.Equal("event-not-found", snapshot.Code);
            return;
        }

        var joined = await hub.InvokeAsync("JoinEvent", draft.Slug);
        Assert.Equal(ExpectedRole(caller), joined.GetProperty("role").GetString());
        Assert.Equal("draft", joined.GetProperty("event").GetProperty("status").GetString());
        Assert.Equal(joined.GetRawText(), (await hub.InvokeAsync("GetSnapshot", draft.Id)).GetRawText());

        // A draft cannot go live: it has to be scheduled first.
        var stored = await LiveAssert.StoredStateAsync(fixture.App, draft.Id);
        var start = await Assert.ThrowsAsync<HubCallException>(() => hub.ClockAsync("StartEvent", draft.Id));
        Assert.Equal("event-is-draft", start.Code);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(fixture.App, draft.Id));
    }

    [Fact]
    public async Task A_viewer_refused_a_draft_event_receives_none_of_its_changes()
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, draft.Id);
        await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("JoinEvent", draft.Slug));

        var edit = await fixture.App.Get<EventEditor>().UpdateBlockAsync(
            draft.BlockIds[0], new BlockInput { Title = "Geheimer Entwurfstitel", PlannedMinutes = 30 });
        Assert.True(edit.Ok);

        await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("GetSnapshot", draft.Id));
        Assert.DoesNotContain(viewer.Received, m => m.Argument.GetRawText().Contains("Geheimer Entwurfstitel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_organiser_only_refusal_says_that_only_the_organisation_may_do_it()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);

        var refused = await Assert.ThrowsAsync<HubCallException>(() => moderator.InvokeAsync("RegeneratePresenterKey", ev.Id));
        var clock = await Assert.ThrowsAsync<HubCallException>(async () =>
        {
            await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
            await viewer.ClockAsync("StartEvent", ev.Id);
        });

        Assert.Contains("Nur die Organisation darf das.", refused.Message);
        Assert.Contains("Nur Moderierende dieser Veranstaltung dürfen das.", clock.Message);
    }

    private static bool MayCall(Access access, HubRole role) => access switch
    {
        Access.Everyone => true,
        Access.IdentifiedViewer => role == HubRole.IdentifiedViewer,
        Access.Moderator => role is HubRole.AssignedModerator or HubRole.Organiser,
        Access.Organiser => role == HubRole.Organiser,
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    private static string Phase(JsonElement clock) => clock.GetProperty("phase").GetString()!;

    private static string ExpectedRole(HubCaller caller) => caller switch
    {
        HubCaller.AssignedModerator => "moderator",
        HubCaller.Organiser => "organiser",
        _ => "viewer",
    };

    /// <summary>A question as the test knows it: its id and the version a moderator action must carry.</summary>
    private sealed record QuestionHandle(long Id, long Version);

    /// <summary>
    /// One cell of the table: a fresh event with a presenter key, the organiser (joined) who
    /// arranges things, an anonymous watcher, and the caller connected and joined in its role.
    /// </summary>
    private sealed class Scene : IAsyncDisposable
    {
        // ASCII only: it is searched for in raw JSON, where the server escapes umlauts.
        private const string PendingText = "Eine Frage, die noch auf Freigabe wartet: Wie geht es weiter?";

        private readonly List<HubTestClient> connections = [];

        public required TestApp App { get; init; }

        public required TestEvent Event { get; init; }

        public required HubRole Role { get; init; }

        public HubTestClient Organiser { get; private set; } = null!;

        public HubTestClient Watcher { get; private set; } = null!;

        public HubTestClient Caller { get; private set; } = null!;

        public string PresenterKey { get; private set; } = "";

        /// <summary>The caller's viewer id, if it identified as a viewer.</summary>
        public string? ViewerId { get; private set; }

        public Dictionary<string, QuestionHandle> Q { get; } = [];

        public Dictionary<string, object> Values { get; } = [];

        public long SettingsVersion { get; private set; }

        public static async Task<Scene> CreateAsync(LiveFixture fixture, HubRole role)
        {
            var ev = await fixture.CreateEventAsync();
            var scene = new Scene { App = fixture.App, Event = ev, Role = role };
            scene.Organiser = scene.Track(await fixture.ConnectAsync(HubCaller.Organiser, ev.Id));
            await scene.Organiser.InvokeAsync("JoinEvent", ev.Slug);
            scene.PresenterKey = (await scene.Organiser.InvokeAsync("RegeneratePresenterKey", ev.Id)).GetString()!;
            scene.Watcher = scene.Track(await fixture.ConnectAsync(HubCaller.Viewer, ev.Id));
            await scene.Watcher.InvokeAsync("JoinEvent", ev.Slug);

            switch (role)
            {
                case HubRole.Anonymous:
                    scene.Caller = scene.Track(await fixture.ConnectAsync(HubCaller.Viewer, ev.Id));
                    await scene.Caller.InvokeAsync("JoinEvent", ev.Slug);
                    break;
                case HubRole.IdentifiedViewer:
                    scene.Caller = scene.Track(await fixture.ConnectAsync(HubCaller.Viewer, ev.Id));
                    scene.ViewerId = (await scene.Caller.InvokeAsync("IdentifyViewer", (string?)null)).GetProperty("viewerId").GetString();
                    await scene.Caller.InvokeAsync("JoinEvent", ev.Slug);
                    break;
                case HubRole.Presenter:
                    scene.Caller = scene.Track(await fixture.ConnectAsync(HubCaller.Viewer, ev.Id));
                    Assert.Equal("presenter", (await scene.Caller.InvokeAsync("JoinAsPresenter", ev.Slug, scene.PresenterKey)).GetProperty("role").GetString());
                    break;
                default:
                    var caller = role switch
                    {
                        HubRole.UnassignedModerator => HubCaller.UnassignedModerator,
                        HubRole.AssignedModerator => HubCaller.AssignedModerator,
                        _ => HubCaller.Organiser,
                    };
                    scene.Caller = scene.Track(await fixture.ConnectAsync(caller, ev.Id));
                    await scene.Caller.InvokeAsync("JoinEvent", ev.Slug);
                    break;
            }

            scene.SettingsVersion = (await scene.StoredAsync()).Questions.SettingsVersion;
            return scene;
        }

        /// <summary>A pending question asked by a viewer (another one unless <paramref name="asViewer"/> is given).</summary>
        public async Task AskAsync(string name, string? asViewer = null)
        {
            var viewer = asViewer ?? "andere-" + Guid.NewGuid().ToString("N")[..12];
            // Its own address, so the arranging never counts against the callers' rate limits.
            var asker = new QuestionCaller(viewer, "arrange-" + Guid.NewGuid().ToString("N"), "viewer:" + viewer);
            var own = await App.Get<QuestionService>().AskAsync(
                asker, Event.Id, "c" + Guid.NewGuid().ToString("N"), $"{PendingText} ({name})", null, null, null);
            Assert.Equal(QuestionStatus.Pending, own.Status);
            Q[name] = new QuestionHandle(own.Id, 1);
        }

        /// <summary>An approved question, added by the organiser as a moderator does with questions from elsewhere.</summary>
        public async Task AddAsync(string name)
        {
            var added = await Organiser.InvokeAsync("AddQuestion", Event.Id, new { text = $"Frage per E-Mail zum Onlinezugang ({name})?", source = "email", blockNumber = (int?)null });
            Q[name] = Handle(added);
        }

        /// <summary>The organiser moderates question <paramref name="name"/> with its current version.</summary>
        public async Task ModerateAsync(string name, string method, params object?[] more)
        {
            var result = await Organiser.InvokeAsync(method, [Event.Id, Q[name].Id, Q[name].Version, .. more]);
            Q[name] = Handle(result);
        }

        public object Ref(string name) => new { questionId = Q[name].Id, version = Q[name].Version };

        /// <summary>The poll the row works on (<see cref="PreparePollAsync"/>).</summary>
        public long PollId => (long)Values["poll"];

        /// <summary>The poll's version as a moderator last saw it (moderator actions carry it).</summary>
        public long PollVersion => (long)Values["pollVersion"];

        /// <summary>A prepared poll of this kind, with hidden results, not yet opened.</summary>
        public async Task PreparePollAsync(PollKind kind)
        {
            var draft = kind == PollKind.Single
                ? new PollDraft(null, kind, "Haben Sie den Voucher schon beantragt?", ["Ja", "Nein"])
                : new PollDraft(null, kind, "Ein Wort zum Onlinezugang?", [], MaxChoices: 2);
            var prepared = await App.Get<PollService>().PrepareAsync(Event.Id, draft);
            Values["poll"] = prepared.Id;
            Values["pollVersion"] = prepared.Version;
        }

        public async Task OpenPollAsync(PollKind kind)
        {
            await PreparePollAsync(kind);
            Values["pollVersion"] = (await App.Get<PollService>().OpenAsync(Event.Id, PollId, PollVersion, null)).Version;
        }

        /// <summary>An open text poll with one answer from another viewer, waiting for a moderator.</summary>
        public async Task AnsweredTextPollAsync()
        {
            var polls = App.Get<PollService>();
            var prepared = await polls.PrepareAsync(Event.Id, new PollDraft(null, PollKind.Text, "Was wünschen Sie sich?", []));
            Values["poll"] = prepared.Id;
            await polls.OpenAsync(Event.Id, PollId, prepared.Version, null);
            var viewer = "andere-" + Guid.NewGuid().ToString("N")[..12];
            await polls.AnswerAsync(new QuestionCaller(viewer, "arrange-" + Guid.NewGuid().ToString("N"), "viewer:" + viewer), Event.Id, PollId, new PollAnswer(null, null, null, "Mehr Schnittstellen bitte"), replace: false);
            Values["answer"] = (await StoredPollAsync()).Results!.Pending.Single().AnswerId;
        }

        /// <summary>The poll as the organiser's stored snapshot has it.</summary>
        public async Task<PollView> StoredPollAsync() => (await StoredAsync()).Polls!.Single(p => p.Id == PollId);

        public Task<EventSnapshot> StoredAsync() => StoredAsync(App, Event.Id);

        public async Task<ModeratorQuestion> StoredQuestionAsync(string name) => await StoredQuestionAsync(Q[name].Id);

        public async Task<ModeratorQuestion> StoredQuestionAsync(long id) => (await StoredAsync()).Queue!.Single(q => q.Id == id);

        /// <summary>Everything stored about the event, as text: the organiser's snapshot with the clock facts, the audit trail and the votes.</summary>
        public async Task<string> StoredTextAsync()
        {
            await using var connection = App.Get<Database>().Open();
            var audit = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE event_id = @Id", Event);
            var votes = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.event_id = @Id", Event);
            return $"audit={audit} votes={votes} " + await LiveAssert.StoredStateAsync(App, Event.Id);
        }

        /// <summary>Makes sure every message sent so far has arrived: one connection's messages keep their order.</summary>
        public async Task SettleAsync()
        {
            foreach (var connection in connections)
            {
                await connection.RoundTripAsync(Event.Id);
            }
        }

        /// <summary>
        /// How many messages each connection has received. ViewerCount is left out: it reports joins
        /// on a two-second timer, so whether one more arrives during a call depends on the clock, not
        /// on the call.
        /// </summary>
        public string MessageCounts() =>
            string.Join(", ", connections.Select(c => string.Join("+", c.Received
                .Where(m => m.Target != "ViewerCount")
                .GroupBy(m => m.Target).Select(g => $"{g.Key}:{g.Count()}"))));

        /// <summary>What a snapshot of this role must and must not contain.</summary>
        public void AssertSnapshotFor(string role, JsonElement snapshot)
        {
            Assert.Equal(role, snapshot.GetProperty("role").GetString());
            var moderator = role is "moderator" or "organiser";
            var text = snapshot.GetRawText();
            // Pending questions and the presenter key are for moderators only.
            Assert.Equal(moderator, text.Contains(PendingText, StringComparison.Ordinal));
            Assert.Equal(moderator, text.Contains(PresenterKey, StringComparison.Ordinal));
            Assert.Equal(moderator, snapshot.GetProperty("queue").ValueKind == JsonValueKind.Array);
            Assert.Equal(!moderator, snapshot.GetProperty("publicQuestions").ValueKind == JsonValueKind.Array);
            Assert.Equal(role != "viewer", snapshot.GetProperty("backstage").ValueKind == JsonValueKind.Array);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        private static QuestionHandle Handle(JsonElement question) =>
            new(question.GetProperty("id").GetInt64(), question.GetProperty("version").GetInt64());

        private static async Task<EventSnapshot> StoredAsync(TestApp app, long eventId) =>
            await app.Get<SnapshotReader>().ReadAsync(eventId, EventRole.Organiser, viewerId: null)
                ?? throw new InvalidOperationException($"Event {eventId} is gone.");

        private HubTestClient Track(HubTestClient connection)
        {
            connections.Add(connection);
            return connection;
        }
    }
}
