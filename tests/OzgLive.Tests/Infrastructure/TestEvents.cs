using OzgLive.Web.Events;

namespace OzgLive.Tests.Infrastructure;

/// <summary>An event made for one test: its id, its address and its blocks' ids in order.</summary>
public sealed record TestEvent(long Id, string Slug, IReadOnlyList<long> BlockIds);

public sealed partial class TestApp
{
    /// <summary>
    /// Creates an event through the organisers' editor, as the organisation pages would: a unique slug
    /// starting with <paramref name="slugPrefix"/>, at <paramref name="startBerlin"/> (default 1 April 2026,
    /// 10:00 Berlin time), and
    /// <paramref name="blocks"/> 30-minute blocks with one speaker each ("Referentin n").
    /// </summary>
    public async Task<TestEvent> CreateEventAsync(
        long seriesId, string slugPrefix, string title, string description, string status = "scheduled", int blocks = 3, DateTime? startBerlin = null)
    {
        var editor = Get<EventEditor>();
        var slug = slugPrefix + Guid.NewGuid().ToString("N")[..12];
        var created = await editor.SaveEventAsync(null, new EventInput
        {
            SeriesId = seriesId,
            Title = title,
            Slug = slug,
            Description = description,
            StartBerlin = startBerlin ?? new DateTime(2026, 4, 1, 10, 0, 0, DateTimeKind.Unspecified),
            Status = status,
            ModeratorName = "Erika Moderation",
        });
        Assert.True(created.Ok, string.Join("; ", created.Errors.Values));

        var blockIds = new List<long>();
        for (var n = 1; n <= blocks; n++)
        {
            var block = await editor.AddBlockAsync(created.Id, new BlockInput
            {
                Title = $"Themenblock {n}",
                Description = $"Worum es in Block {n} geht.",
                PlannedMinutes = 30,
                Speakers = [new SpeakerInput { Name = $"Referentin {n}", Role = "Referatsleitung", Organisation = "Land Hessen" }],
            });
            Assert.True(block.Ok, string.Join("; ", block.Errors.Values));
            blockIds.Add(block.Id);
        }

        return new TestEvent(created.Id, slug, blockIds);
    }
}
