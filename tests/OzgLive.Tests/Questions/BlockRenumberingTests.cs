using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;

namespace OzgLive.Tests.Questions;

/// <summary>Questions asked in advance stay with their block when organisers rearrange the agenda.</summary>
public sealed class BlockRenumberingTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private async Task<long> AskForBlockAsync(TestEvent ev, Participant viewer, int block, string text) =>
        (await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = Guid.NewGuid().ToString("N"), text, displayName = (string?)null, organisation = (string?)null, blockNumber = block })).Id();

    private async Task<long> BlockIdAsync(TestEvent ev, int number) =>
        (await fixture.App.Get<EventStore>().FindByIdAsync(ev.Id))!.Blocks.Single(b => b.Number == number).Id;

    [Fact]
    public async Task Moving_a_block_moves_its_questions_with_it()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        var forOne = await AskForBlockAsync(ev, viewer, 1, "Eine Frage zum ersten Block");
        var forTwo = await AskForBlockAsync(ev, viewer, 2, "Eine Frage zum zweiten Block");
        var forThree = await AskForBlockAsync(ev, viewer, 3, "Eine Frage zum dritten Block");

        var moved = await fixture.App.Get<EventEditor>().MoveBlockAsync(await BlockIdAsync(ev, 1), +1);
        Assert.True(moved.Ok);

        Assert.Equal(2, (await fixture.StoredAsync(forOne)).BlockNumber);
        Assert.Equal(1, (await fixture.StoredAsync(forTwo)).BlockNumber);
        Assert.Equal(3, (await fixture.StoredAsync(forThree)).BlockNumber);
    }

    [Fact]
    public async Task Deleting_a_block_makes_its_questions_general_and_renumbers_the_later_ones()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        var forOne = await AskForBlockAsync(ev, viewer, 1, "Eine Frage zum ersten Block");
        var forTwo = await AskForBlockAsync(ev, viewer, 2, "Eine Frage zum zweiten Block");
        var forThree = await AskForBlockAsync(ev, viewer, 3, "Eine Frage zum dritten Block");

        var deleted = await fixture.App.Get<EventEditor>().DeleteBlockAsync(await BlockIdAsync(ev, 2));
        Assert.True(deleted.Ok);

        Assert.Equal(1, (await fixture.StoredAsync(forOne)).BlockNumber);
        Assert.Null((await fixture.StoredAsync(forTwo)).BlockNumber);
        Assert.Equal(2, (await fixture.StoredAsync(forThree)).BlockNumber);
    }
}
