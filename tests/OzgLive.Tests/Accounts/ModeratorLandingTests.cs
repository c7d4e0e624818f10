using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Organisers;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;

namespace OzgLive.Tests.Accounts;

/// <summary>A moderator who signs in lands on the events they may moderate, with links to the console.</summary>
public sealed class ModeratorLandingTests
{
    [Fact]
    public async Task A_moderator_lands_on_their_assigned_events_with_a_link_to_each_console()
    {
        await using var app = await TestApp.StartAsync();
        var demo = await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug);
        var (_, email) = await app.CreateModeratorAsync("landing@test.local", demo!.Id);

        var answer = await SignInForm.SubmitAsync(app, email, TestApp.OrganiserPassword);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/moderation", answer.Location!.AbsolutePath);

        using var http = app.CreateClient(answer.Cookies);
        var page = OrganiserSite.Parse(await http.GetStringAsync("/moderation"));
        var links = page.QuerySelectorAll("#my-events a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/events/{DemoContent.SpotOnOzgSlug}/moderate", links);
        // Only their own event: the past workshops and other events are not offered.
        Assert.Single(page.QuerySelectorAll("#my-events > li"));
    }

    [Fact]
    public async Task A_moderator_without_assignments_is_told_so()
    {
        await using var app = await TestApp.StartAsync();
        var (_, email) = await app.CreateModeratorAsync("nothing@test.local");
        var answer = await SignInForm.SubmitAsync(app, email, TestApp.OrganiserPassword);

        using var http = app.CreateClient(answer.Cookies);
        var page = OrganiserSite.Parse(await http.GetStringAsync("/moderation"));
        Assert.NotNull(page.QuerySelector("#no-events"));
        Assert.Null(page.QuerySelector("#my-events"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = app.CreateClient();
        var answer = await http.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/login", answer.Headers.Location!.AbsolutePath);
    }
}
