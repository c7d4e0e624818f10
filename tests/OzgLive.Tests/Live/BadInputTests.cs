using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Live;

/// <summary>
/// Unknown events and blocks, commands in the wrong state, malformed and oversized messages: the
/// caller gets a clear error, the server keeps running, and nothing stored changes.
/// </summary>
public sealed class BadInputTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    private const char RecordSeparator = RawHubSocket.RecordSeparator;
    private const long UnknownEventId = 987_654_321;

    private TestApp App => fixture.App;

    [Fact]
    public async Task JoinEvent_with_an_unknown_slug_says_the_event_does_not_exist()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("JoinEvent", "gibt-es-nicht"));

        Assert.Equal("event-not-found", error.Code);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));
        Assert.Contains("Diese Veranstaltung gibt es nicht.", error.Message);
        Assert.Equal(ev.Slug, (await viewer.InvokeAsync("JoinEvent", ev.Slug)).GetProperty("event").GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("overlong")]
    public async Task JoinEvent_without_a_usable_slug_asks_for_one(string? slug)
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        var given = slug == "overlong" ? ev.Slug + new string('a', 101) : slug;
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("JoinEvent", given));

        Assert.Equal("invalid-argument", error.Code);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));
        Assert.Contains(slug == "overlong" ? "Die Kurzadresse ist zu lang: höchstens 100 Zeichen." : "Bitte die Kurzadresse (slug)", error.Message);
        await viewer.InvokeAsync("JoinEvent", ev.Slug);
    }

    [Theory]
    [InlineData("GetSnapshot")]
    [InlineData("StartEvent")]
    [InlineData("StartBlock")]
    [InlineData("SetAutoAdvance")]
    public async Task A_call_for_an_unknown_event_id_says_the_event_does_not_exist(string method)
    {
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, 0);
        object[] args = method switch
        {
            "StartBlock" => [UnknownEventId, 0L, 1],
            "ExtendBlock" => [UnknownEventId, 0L, 5],
            "SetAutoAdvance" => [UnknownEventId, 0L, true],
            "GetSnapshot" => [UnknownEventId],
            _ => [UnknownEventId, 0L],
        };

        var error = await Assert.ThrowsAsync<HubCallException>(() => organiser.InvokeAsync(method, args));

        Assert.Equal("event-not-found", error.Code);
        Assert.Contains("Diese Veranstaltung gibt es nicht.", error.Message);
        await using var connection = App.Get<Database>().Open();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM clock_facts WHERE event_id = @UnknownEventId", new { UnknownEventId }));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task StartBlock_with_a_block_the_event_does_not_have_names_the_blocks_it_has(int block)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => moderator.ClockAsync("StartBlock", ev.Id, block));

        Assert.Equal("block-not-found", error.Code);
        Assert.Contains($"Block {block} gibt es nicht", error.Message);
        Assert.Contains("1 bis 3", error.Message);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));
    }

    /// <summary>Commands that make no sense in the clock's current state, each with the code the caller sees.</summary>
    public static TheoryData<string, string, string> WrongStateCommands() => new()
    {
        { "", "PauseBlock", "event-not-started" },
        { "", "EndEvent", "event-not-started" },
        { "StartEvent", "StartEvent", "event-already-started" },
        { "StartEvent", "PauseBlock", "no-running-block" },
        { "StartEvent", "ExtendBlock:5", "no-running-block" },
        { "StartEvent,StartBlock:1", "StartBlock:1", "block-already-running" },
        { "StartEvent,StartBlock:1", "ResumeBlock", "block-not-paused" },
        { "StartEvent,StartBlock:1,PauseBlock", "PauseBlock", "block-already-paused" },
        { "StartEvent,StartBlock:1,EndBlock", "ExtendBlock:5", "no-running-block" },
        { "StartEvent,StartBlock:1,EndBlock", "StartBlock:1", "block-already-ended" },
        { "StartEvent,StartBlock:3", "NextBlock", "no-next-block" },
        { "StartEvent,StartBlock:1,EndEvent", "ExtendBlock:5", "event-ended" },
        { "StartEvent,EndEvent", "SetAutoAdvance:true", "event-ended" },
        { "StartEvent,StartBlock:1", "ExtendBlock:0", "invalid-argument" },
        { "StartEvent,StartBlock:1", "ExtendBlock:61", "invalid-argument" },
    };

    [Theory]
    [MemberData(nameof(WrongStateCommands))]
    public async Task A_command_in_the_wrong_state_is_refused_with_its_code_and_changes_nothing(string arrange, string command, string code)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        foreach (var step in arrange.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await Invoke(moderator, ev, step);
        }

        var before = await viewer.InvokeAsync("JoinEvent", ev.Slug);
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => Invoke(moderator, ev, command));

        Assert.Equal(code, error.Code);
        var text = error.Message[(error.Message.IndexOf(code + ": ", StringComparison.Ordinal) + code.Length + 2)..];
        Assert.True(text.Length > 10, $"A German explanation follows the code: \"{error.Message}\"");
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));

        await viewer.RoundTripAsync(ev.Id);
        Assert.Empty(viewer.Deltas());
        Assert.Equal(before.Seq(), (await viewer.InvokeAsync("GetSnapshot", ev.Id)).Seq());
    }

    [Theory]
    [InlineData("StartBlock", "[EVENT, 0, \"zwei\"]")]
    [InlineData("StartBlock", "[EVENT, 0, 1.5]")]
    [InlineData("StartBlock", "[EVENT, 0, 99999999999]")]
    [InlineData("StartBlock", "[EVENT]")]
    [InlineData("StartBlock", "[EVENT, 0, 1, 2]")]
    [InlineData("StartEvent", "[\"EVENT\", 0]")]
    [InlineData("StartEvent", "[null, 0]")]
    [InlineData("SetAutoAdvance", "[EVENT, 0, \"ja\"]")]
    [InlineData("JoinEvent", "[42]")]
    [InlineData("GetSnapshot", "[\"SLUG\"]")]
    public async Task Arguments_of_the_wrong_type_or_count_get_an_error_and_the_connection_stays_usable(string method, string arguments)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await moderator.ClockAsync("StartEvent", ev.Id);
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        var before = await viewer.InvokeAsync("JoinEvent", ev.Slug);
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        var raw = arguments.Replace("EVENT", ev.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("SLUG", ev.Slug, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<HubCallException>(() => InvokeRawAsync(moderator, method, raw));

        Assert.Equal("invalid-argument", error.Code);
        Assert.Contains($"Die Argumente passen nicht zur Methode „{method}“: erwartet", error.Message);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));

        // Same connection, next call works, and the sequence continues without a gap.
        var accepted = await moderator.ClockAsync("StartBlock", ev.Id, 1);
        Assert.Equal(before.Seq() + 1, accepted.Seq());
        Assert.Equal(before.Seq() + 1, (await viewer.WaitForDeltasAsync(1)).Single().Argument.Seq());
    }

    [Theory]
    [InlineData("DeleteEvent")]
    [InlineData("SnapshotAsync")]
    [InlineData("OnConnectedAsync")]
    public async Task An_unknown_hub_method_gets_an_error_and_the_connection_stays_usable(string method)
    {
        var ev = await fixture.CreateEventAsync();
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, ev.Id);
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        var error = await Assert.ThrowsAsync<HubCallException>(() => organiser.InvokeAsync(method, ev.Id));

        Assert.Equal("unknown-method", error.Code);
        Assert.Contains($"Die Methode „{method}“ gibt es nicht.", error.Message);
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));
        Assert.Equal("intro", (await organiser.ClockAsync("StartEvent", ev.Id)).GetProperty("clock").GetProperty("phase").GetString());
    }

    [Theory]
    [InlineData("das ist kein JSON")]
    [InlineData("{\"type\":1,\"invocationId\":\"1\",\"target\":\"StartEvent\",\"arguments\":[")]
    [InlineData("{\"type\":1,\"target\":42}")]
    [InlineData("[1,2,3]")]
    [InlineData("{}")]
    public async Task A_malformed_message_closes_only_that_connection_with_an_error(string frame)
    {
        var ev = await fixture.CreateEventAsync();
        await using var bystander = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await bystander.InvokeAsync("JoinEvent", ev.Slug);
        await moderator.ClockAsync("StartEvent", ev.Id);
        using var offender = await RawModeratorAsync(ev);
        var before = await offender.InvokeAsync("1", "JoinEvent", $"[\"{ev.Slug}\"]");
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        await offender.SendTextAsync(frame + RecordSeparator);

        var closeError = await offender.CloseErrorAsync();
        Assert.Contains("invalid-message: Die Nachricht entspricht nicht dem JSON-Protokoll", closeError);
        await AssertOthersUnaffectedAsync(ev, stored, before.Seq(), bystander, moderator);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_message_over_32_KB_closes_only_that_connection_with_an_error(bool complete)
    {
        var ev = await fixture.CreateEventAsync();
        await using var bystander = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await bystander.InvokeAsync("JoinEvent", ev.Slug);
        using var offender = await RawModeratorAsync(ev);
        var before = await offender.InvokeAsync("1", "JoinEvent", $"[\"{ev.Slug}\"]");
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        // A well-formed invocation whose argument alone is larger than the limit, with or without its end marker.
        var huge = new string('x', LiveExtensions.MaxMessageBytes + 1024);
        var frame = $"{{\"type\":1,\"invocationId\":\"9\",\"target\":\"JoinEvent\",\"arguments\":[\"{huge}\"]}}";
        await offender.SendTextAsync(complete ? frame + RecordSeparator : frame);

        var closeError = await offender.CloseErrorAsync();
        Assert.Contains("message-too-large: Eine Nachricht an den Server darf höchstens 32 KB groß sein.", closeError);
        await AssertOthersUnaffectedAsync(ev, stored, before.Seq(), bystander, moderator);
    }

    [Fact]
    public async Task A_message_just_under_32_KB_is_accepted()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        var envelope = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinEvent\",\"arguments\":[\"\"]}" + RecordSeparator;
        var padding = new string(' ', LiveExtensions.MaxMessageBytes - envelope.Length - 16);

        var error = await Assert.ThrowsAsync<HubCallException>(() => InvokeRawAsync(viewer, "JoinEvent", $"[\"{padding}\"]"));

        Assert.Equal("invalid-argument", error.Code);
        Assert.False(viewer.Closed.IsCompleted);
        await viewer.InvokeAsync("JoinEvent", ev.Slug);
    }

    [Fact]
    public async Task Refusals_of_every_kind_in_a_row_leave_the_stored_event_exactly_as_it_was()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, ev.Id);
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 2);
        await moderator.ClockAsync("ExtendBlock", ev.Id, 3);
        var before = await viewer.InvokeAsync("JoinEvent", ev.Slug);
        var stored = await LiveAssert.StoredStateAsync(App, ev.Id);

        Func<Task>[] refused =
        [
            () => viewer.ClockAsync("EndEvent", ev.Id),
            () => viewer.ClockAsync("ExtendBlock", ev.Id, 60),
            () => moderator.ClockAsync("StartBlock", ev.Id, 4),
            () => moderator.ClockAsync("StartBlock", ev.Id, 2),
            () => moderator.ClockAsync("ExtendBlock", ev.Id, 0),
            () => moderator.ClockAsync("ResumeBlock", ev.Id),
            () => moderator.ClockAsync("StartEvent", ev.Id),
            () => moderator.InvokeAsync("EndEvent", UnknownEventId, 0L),
            () => InvokeRawAsync(moderator, "ExtendBlock", $"[{ev.Id}, 0, \"fünf\"]"),
            () => moderator.InvokeAsync("Restart", ev.Id),
        ];
        foreach (var call in refused)
        {
            await Assert.ThrowsAsync<HubCallException>(call);
        }

        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));
        var after = await viewer.InvokeAsync("GetSnapshot", ev.Id);
        Assert.Equal(before.Seq(), after.Seq());
        Assert.Equal(before.GetProperty("clock").GetRawText(), after.GetProperty("clock").GetRawText());
        Assert.Empty(viewer.Deltas());

        // None of the refusals took a sequence number: the next accepted change is exactly one above.
        Assert.Equal(before.Seq() + 1, (await moderator.ClockAsync("PauseBlock", ev.Id)).Seq());
        Assert.Equal([before.Seq() + 1], (await viewer.WaitForDeltasAsync(1)).Select(d => d.Argument.Seq()));
    }

    private async Task AssertOthersUnaffectedAsync(TestEvent ev, string stored, long seq, HubTestClient bystander, HubTestClient moderator)
    {
        Assert.Equal(stored, await LiveAssert.StoredStateAsync(App, ev.Id));
        Assert.False(bystander.Closed.IsCompleted, "Other connections stay open.");
        Assert.False(moderator.Closed.IsCompleted, "Other connections stay open.");

        var next = await moderator.ClockAsync("SetAutoAdvance", ev.Id, true);
        Assert.Equal(seq + 1, next.Seq());
        var delta = await bystander.WaitForAsync(ServerMessages.ClockChanged, d => d.Seq() == seq + 1);
        Assert.True(delta.GetProperty("clock").GetProperty("autoAdvance").GetBoolean());

        using var http = App.CreateClient();
        var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // New connections are still accepted.
        await using var newcomer = await App.ConnectAsync();
        Assert.Equal(seq + 1, (await newcomer.InvokeAsync("JoinEvent", ev.Slug)).Seq());
    }

    /// <summary>An assigned moderator's connection by hand, the only way to send frames the real client would not.</summary>
    private async Task<RawHubSocket> RawModeratorAsync(TestEvent ev)
    {
        var offender = await RawHubSocket.ConnectAsync(App, await fixture.CookiesForAsync(HubCaller.AssignedModerator, ev.Id));
        await offender.HandshakeAsync();
        return offender;
    }

    private static Task<JsonElement> Invoke(HubTestClient client, TestEvent ev, string step)
    {
        var parts = step.Split(':');
        return parts.Length == 1
            ? client.ClockAsync(parts[0], ev.Id)
            : parts[1] is "true" or "false"
                ? client.ClockAsync(parts[0], ev.Id, bool.Parse(parts[1]))
                : client.ClockAsync(parts[0], ev.Id, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Invokes with arguments written as raw JSON, which a typed call cannot produce (a string
    /// where a number belongs): each element goes on the wire exactly as written.
    /// </summary>
    private static Task<JsonElement> InvokeRawAsync(HubTestClient client, string method, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        object?[] arguments = [.. document.RootElement.EnumerateArray().Select(a => (object?)a.Clone())];
        return client.InvokeAsync(method, arguments);
    }
}
