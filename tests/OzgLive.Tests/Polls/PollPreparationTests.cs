using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Polls;

namespace OzgLive.Tests.Polls;

/// <summary>Organisers prepare polls on the organisation pages (real forms over HTTP) and copy them from another event of the series.</summary>
public sealed class PollPreparationTests : IAsyncLifetime
{
    private TestApp app = null!;

    public async ValueTask InitializeAsync() => app = await TestApp.StartAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_organiser_prepares_a_poll_for_a_block_and_a_refused_one_says_why()
    {
        var ev = (await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!;
        using var client = app.CreateClient(await app.SignInAsync());
        var path = $"/organisation/veranstaltungen/{ev.Id}/umfragen";

        var saved = await TestApp.PostFormAsync(client, path, new()
        {
            ["_handler"] = "poll", ["Input.Question"] = "Wie zufrieden sind Sie mit dem Portal?", ["Input.Kind"] = "Rating",
            ["Input.Block"] = "3", ["Input.ScaleMax"] = "10", ["Input.MaxChoices"] = "1", ["Input.LowLabel"] = "gar nicht", ["Input.HighLabel"] = "sehr",
        });
        var refused = await TestApp.PostFormAsync(client, path, new()
        {
            ["_handler"] = "poll", ["Input.Question"] = "Nur eine Antwort?", ["Input.Kind"] = "Single", ["Input.Block"] = "1", ["Input.Options"] = "Ja", ["Input.MaxChoices"] = "1",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rating = (await app.Get<PollStore>().ListAsync(ev.Id)).Single(p => p.Kind == PollKind.Rating);
        Assert.Equal((3, 10, "gar nicht", "sehr", PollState.Prepared), (rating.BlockNumber!.Value, rating.ScaleMax!.Value, rating.LowLabel, rating.HighLabel, rating.State));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Eine Auswahlumfrage braucht 2 bis 10 Antwortmöglichkeiten.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Wie zufrieden sind Sie mit dem Portal?", await client.GetStringAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polls_are_copied_from_another_event_of_the_series_as_prepared_polls_without_answers()
    {
        var finished = (await app.Get<EventStore>().FindBySlugAsync(DemoReplay.Slug))!;
        var upcoming = (await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!;
        using var client = app.CreateClient(await app.SignInAsync());
        var before = (await app.Get<PollStore>().ListAsync(upcoming.Id)).Count;

        var copied = await TestApp.PostFormAsync(client, $"/organisation/veranstaltungen/{upcoming.Id}/umfragen", new()
        {
            ["_handler"] = "copy", ["Copy.FromEventId"] = finished.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var polls = await app.Get<PollStore>().ListWithResultsAsync(upcoming.Id);
        Assert.Equal(before + 3, polls.Count);
        Assert.All(polls, p => Assert.Equal(PollState.Prepared, p.Poll.State));
        Assert.All(polls, p => Assert.Equal(0, p.Results.Respondents));
        Assert.Contains(polls, p => p.Poll.Question == "Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?" && p.Poll.BlockNumber == 2);
    }
}
