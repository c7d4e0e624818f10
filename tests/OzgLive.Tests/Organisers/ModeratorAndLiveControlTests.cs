using System.Globalization;
using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Accounts;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Organisers;

public sealed class ModeratorAndLiveControlTests
{
    private static Dictionary<string, string> Clock(string command) => new() { ["ClockInput.Command"] = command };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Assigning_an_existing_moderator_on_the_event_page_lets_that_moderator_start_the_event_over_the_hub()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var (accountId, email) = await site.App.CreateModeratorAsync("mod@test.local");
        await using var hub = await site.App.ConnectAsync(await site.App.SignInAsync(email));
        var refused = await Assert.ThrowsAsync<HubCallException>(() => hub.ClockAsync("StartEvent", ev.Id));
        Assert.Equal("forbidden", refused.Code);

        var path = $"/organisation/veranstaltungen/{ev.Id}";
        var before = await site.GetAsync(path);
        Assert.Contains(Id(accountId), FormAssert.Options(before, "assign-AccountId"));
        var (location, page) = await site.SubmitAndFollowAsync(path, "moderator-assign", new() { ["Assign.AccountId"] = Id(accountId) }, path);

        Assert.Equal($"{path}?hinweis=moderation-zugewiesen#moderation", location);
        Assert.Equal("Die Moderation wurde dieser Veranstaltung zugewiesen.", FormAssert.Notice(page));
        Assert.Contains("mod@test.local", page.QuerySelector($"#assigned-moderators li[data-account-id='{accountId}']")!.TextContent, StringComparison.Ordinal);
        var started = await hub.ClockAsync("StartEvent", ev.Id);
        Assert.Equal("intro", started.GetProperty("clock").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Removing_a_moderator_takes_the_clock_away_from_them_again()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var (accountId, email) = await site.App.CreateModeratorAsync("mod@test.local", ev.Id);
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        var (_, page) = await site.SubmitAndFollowAsync(path, "moderator-remove", new() { ["Remove.Command"] = $"remove:{accountId}" }, path);

        Assert.Equal("Die Zuweisung der Moderation wurde entfernt.", FormAssert.Notice(page));
        Assert.Null(page.GetElementById("assigned-moderators"));
        await using var hub = await site.App.ConnectAsync(await site.App.SignInAsync(email));
        var refused = await Assert.ThrowsAsync<HubCallException>(() => hub.ClockAsync("StartEvent", ev.Id));
        Assert.Equal("forbidden", refused.Code);
    }

    [Fact]
    public async Task Assigning_an_account_that_is_no_moderator_is_refused()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var organiser = await site.App.Get<AccountStore>().FindByEmailAsync(TestApp.OrganiserEmail);
        await site.App.CreateModeratorAsync("mod@test.local");
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "moderator-assign", new() { ["Assign.AccountId"] = Id(organiser!.Id) });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("Bitte ein vorhandenes Moderationskonto wählen.", result.Document.GetElementById("moderation-error")!.TextContent);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_new_moderator_account_from_the_event_page_can_sign_in_and_is_assigned()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        var (location, page) = await site.SubmitAndFollowAsync(
            path, "moderator-create",
            new() { ["NewModerator.Email"] = "neu@test.local", ["NewModerator.DisplayName"] = "Dr. Eva Neu", ["NewModerator.Password"] = "zwölf-Zeichen!" },
            path);

        Assert.EndsWith("?hinweis=konto-angelegt#moderation", location, StringComparison.Ordinal);
        Assert.Contains("Dr. Eva Neu (neu@test.local)", page.GetElementById("assigned-moderators")!.TextContent, StringComparison.Ordinal);
        var cookies = await site.App.SignInAsync("neu@test.local", "zwölf-Zeichen!");
        await using var hub = await site.App.ConnectAsync(cookies);
        var snapshot = await hub.InvokeAsync("JoinEvent", ev.Slug);
        Assert.Equal("moderator", snapshot.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("neu@test.local", "Dr. Eva Neu", "kurz-11-zei", "moderator-Password", "Das Passwort muss mindestens 12 Zeichen lang sein.")]
    [InlineData("keine-adresse", "Dr. Eva Neu", "lang-genug-passwort", "moderator-Email", "Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de.")]
    [InlineData("neu@test.local", "E", "lang-genug-passwort", "moderator-DisplayName", "Der Name muss mindestens 2 Zeichen lang sein.")]
    [InlineData(TestApp.OrganiserEmail, "Dr. Eva Neu", "lang-genug-passwort", "moderator-Email", "Für diese E-Mail-Adresse gibt es bereits ein Konto. Vorhandene Moderationskonten bitte oben zuweisen.")]
    public async Task A_bad_new_moderator_account_is_refused_next_to_the_field_and_nothing_is_created(string email, string name, string password, string field, string message)
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync(
            $"/organisation/veranstaltungen/{ev.Id}", "moderator-create",
            new() { ["NewModerator.Email"] = email, ["NewModerator.DisplayName"] = name, ["NewModerator.Password"] = password });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, field, message);
        // The password is never sent back to the browser.
        Assert.DoesNotContain(password, result.Html, StringComparison.Ordinal);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task The_clock_buttons_start_the_event_and_the_next_block_and_viewers_follow()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        await using var viewer = await site.App.ConnectAsync();
        var seq = (await viewer.InvokeAsync("JoinEvent", ev.Slug)).GetProperty("seq").GetInt64();
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        var (location, started) = await site.SubmitAndFollowAsync(path, "clock", Clock("StartEvent"), path);
        Assert.Equal($"{path}?hinweis=uhr-startevent#live", location);
        Assert.Equal("Die Veranstaltung wurde gestartet.", FormAssert.Notice(started));
        Assert.Equal("Live: Begrüßung.", started.GetElementById("clock-status")!.TextContent);

        var (_, running) = await site.SubmitAndFollowAsync(path, "clock", Clock("NextBlock"), path);
        Assert.Equal("Live: Block 1 läuft.", running.GetElementById("clock-status")!.TextContent);
        Assert.Equal("Noch 30:00", running.GetElementById("clock-remaining")!.TextContent);

        site.App.Time.Advance(TimeSpan.FromMinutes(10));
        var (_, extended) = await site.SubmitAndFollowAsync(path, "clock", Clock("ExtendBlock"), path);
        Assert.Equal("Noch 25:00", extended.GetElementById("clock-remaining")!.TextContent);

        var changes = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var change = await viewer.WaitForAsync(ServerMessages.ClockChanged);
            Assert.Equal(seq + i, change.GetProperty("seq").GetInt64());
            changes.Add(change.GetProperty("command").GetString()!);
        }

        Assert.Equal(["startEvent", "nextBlock", "extendBlock"], changes);
    }

    [Fact]
    public async Task Pause_resume_start_block_auto_advance_and_end_work_from_the_buttons()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var path = $"/organisation/veranstaltungen/{ev.Id}";
        await site.SubmitAndFollowAsync(path, "clock", Clock("StartEvent"), path);

        var (_, block2) = await site.SubmitAndFollowAsync(path, "clock", Clock("StartBlock:2"), path);
        Assert.Equal("Live: Block 2 läuft.", block2.GetElementById("clock-status")!.TextContent);

        var (_, paused) = await site.SubmitAndFollowAsync(path, "clock", Clock("PauseBlock"), path);
        Assert.Equal("Live: Block 2 ist pausiert.", paused.GetElementById("clock-status")!.TextContent);

        await site.SubmitAndFollowAsync(path, "clock", Clock("ResumeBlock"), path);
        var (_, auto) = await site.SubmitAndFollowAsync(path, "clock", Clock("SetAutoAdvance:1"), path);
        Assert.Equal("an", auto.GetElementById("clock-auto")!.TextContent);
        Assert.NotNull(auto.QuerySelector("button[value='SetAutoAdvance:0']"));

        var (_, between) = await site.SubmitAndFollowAsync(path, "clock", Clock("EndBlock"), path);
        Assert.Equal("Live: Übergang zum nächsten Block.", between.GetElementById("clock-status")!.TextContent);

        var (_, ended) = await site.SubmitAndFollowAsync(path, "clock", Clock("EndEvent"), path);
        Assert.Equal("Die Veranstaltung wurde beendet.", FormAssert.Notice(ended));
        Assert.Equal("Die Veranstaltung ist beendet.", ended.GetElementById("clock-status")!.TextContent);
        Assert.Equal("Beendet", ended.QuerySelector("p.meta .badge")!.TextContent);
    }

    [Theory]
    [InlineData("PauseBlock", "Die Veranstaltung wurde noch nicht gestartet.")]
    [InlineData("NextBlock", "Die Veranstaltung wurde noch nicht gestartet.")]
    [InlineData("StartBlock:7", "Die Veranstaltung wurde noch nicht gestartet.")]
    [InlineData("EndEvent", "Die Veranstaltung wurde noch nicht gestartet.")]
    public async Task A_clock_command_in_the_wrong_state_shows_the_clocks_message_and_stores_no_fact(string command, string message)
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "clock", Clock(command));

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        var error = result.Document.GetElementById("clock-error")!;
        Assert.Equal(message, error.TextContent);
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Equal("live", error.Closest("section")!.Id);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task Starting_twice_or_a_block_that_does_not_exist_is_refused_with_the_clocks_message()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var path = $"/organisation/veranstaltungen/{ev.Id}";
        await site.SubmitAndFollowAsync(path, "clock", Clock("StartEvent"), path);
        var before = await site.SnapshotAsync();

        var twice = await site.SubmitAsync(path, "clock", Clock("StartEvent"));
        var missing = await site.SubmitAsync(path, "clock", Clock("StartBlock:7"));
        var resume = await site.SubmitAsync(path, "clock", Clock("ResumeBlock"));

        Assert.Equal("Die Veranstaltung läuft bereits oder ist beendet.", twice.Document.GetElementById("clock-error")!.TextContent);
        Assert.Equal("Block 7 gibt es nicht: Diese Veranstaltung hat die Blöcke 1 bis 3.", missing.Document.GetElementById("clock-error")!.TextContent);
        Assert.Equal("Gerade läuft kein Block, der fortgesetzt werden könnte.", resume.Document.GetElementById("clock-error")!.TextContent);
        // The box still shows the clock as it is.
        Assert.Equal("Live: Begrüßung.", resume.Document.GetElementById("clock-status")!.TextContent);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task The_clock_of_a_draft_cannot_be_started_and_an_unknown_command_is_refused()
    {
        await using var site = await OrganiserSite.StartAsync();
        var draft = await site.CreateEventAsync("entwurf", status: "draft");
        var path = $"/organisation/veranstaltungen/{draft.Id}";
        var before = await site.SnapshotAsync();

        var start = await site.SubmitAsync(path, "clock", Clock("StartEvent"));
        var unknown = await site.SubmitAsync(path, "clock", Clock("Explode"));

        Assert.Equal(HttpStatusCode.Conflict, start.Status);
        Assert.Equal("Die Veranstaltung ist noch ein Entwurf. Bitte zuerst auf „Geplant“ setzen.", start.Document.GetElementById("clock-error")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Unbekannter Befehl für die Uhr.", unknown.Document.GetElementById("clock-error")!.TextContent);
        Assert.Equal(before, await site.SnapshotAsync());
    }
}
