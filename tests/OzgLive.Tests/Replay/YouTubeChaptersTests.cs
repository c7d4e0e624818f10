using OzgLive.Web.Replay;

namespace OzgLive.Tests.Replay;

/// <summary>YouTube ignores a chapter list that breaks any of its rules: 00:00 first, ascending, three or more, each ten seconds or longer.</summary>
public sealed class YouTubeChaptersTests
{
    private static TranscriptChapter Block(int number, string title, int start, int end) => new(number, title, start, end);

    private static readonly TranscriptChapter[] ThreeBlocks =
    [
        Block(1, "Umsetzungsvereinbarung", 312, 2112),
        Block(2, "Digitalisierung trotz Personalmangel", 2172, 3972),
        Block(3, "Förderprogramme", 4032, 5400),
    ];

    private static YouTubeChapterList Build(IEnumerable<TranscriptChapter> chapters, int streamSeconds, int offset = 0) =>
        YouTubeChapters.Build(chapters, streamSeconds, offset, "Begrüßung", "Abschluss");

    [Fact]
    public void Time_before_the_first_block_becomes_a_welcome_chapter_at_00_00_and_time_after_the_last_a_closing_one()
    {
        var list = Build(ThreeBlocks, 5520);

        Assert.True(list.Ok);
        Assert.Equal(
            "00:00 Begrüßung\n05:12 Umsetzungsvereinbarung\n36:12 Digitalisierung trotz Personalmangel\n1:07:12 Förderprogramme\n1:30:00 Abschluss",
            list.Text);
    }

    [Fact]
    public void Less_than_ten_seconds_before_the_first_block_lets_the_first_block_start_at_00_00()
    {
        var chapters = ThreeBlocks.Select((c, i) => i == 0 ? c with { StartSeconds = 9 } : c);

        var list = Build(chapters, 5400);

        Assert.Equal(["00:00 Umsetzungsvereinbarung", "36:12 Digitalisierung trotz Personalmangel", "1:07:12 Förderprogramme"], list.Chapters.Select(c => c.Line));
    }

    [Fact]
    public void Exactly_ten_seconds_before_the_first_block_is_enough_for_a_welcome_chapter()
    {
        var chapters = ThreeBlocks.Select((c, i) => i == 0 ? c with { StartSeconds = 10 } : c);

        var list = Build(chapters, 5400);

        Assert.Equal(["00:00 Begrüßung", "00:10 Umsetzungsvereinbarung"], list.Chapters.Take(2).Select(c => c.Line));
    }

    [Fact]
    public void Less_than_ten_seconds_after_the_last_block_gets_no_closing_chapter()
    {
        var list = Build(ThreeBlocks, 5409);

        Assert.Equal("1:07:12 Förderprogramme", list.Chapters[^1].Line);
        Assert.Equal(4, list.Chapters.Count);
    }

    [Fact]
    public void Ten_seconds_after_the_last_block_get_a_closing_chapter()
    {
        var list = Build(ThreeBlocks, 5410);

        Assert.Equal("1:30:00 Abschluss", list.Chapters[^1].Line);
    }

    [Fact]
    public void A_positive_offset_moves_every_chapter_later_in_the_recording()
    {
        var list = Build(ThreeBlocks, 5400, offset: 60);

        Assert.Equal(["00:00 Begrüßung", "06:12 Umsetzungsvereinbarung", "37:12 Digitalisierung trotz Personalmangel", "1:08:12 Förderprogramme"],
            list.Chapters.Select(c => c.Line));
    }

    [Fact]
    public void A_negative_offset_moves_chapters_earlier_and_a_block_begun_before_the_recording_opens_it_at_00_00()
    {
        var list = Build(ThreeBlocks, 5520, offset: -400);

        Assert.True(list.Ok);
        Assert.Equal(
            ["00:00 Umsetzungsvereinbarung", "29:32 Digitalisierung trotz Personalmangel", "1:00:32 Förderprogramme", "1:23:20 Abschluss"],
            list.Chapters.Select(c => c.Line));
    }

    [Fact]
    public void A_negative_offset_that_leaves_less_than_ten_seconds_of_welcome_drops_the_welcome()
    {
        var list = Build(ThreeBlocks, 5400, offset: -305);

        Assert.Equal("00:00 Umsetzungsvereinbarung", list.Chapters[0].Line);
    }

    [Fact]
    public void A_block_shorter_than_ten_seconds_is_left_out_and_its_time_joins_the_chapter_before()
    {
        var chapters = new[]
        {
            Block(1, "Erster Block", 0, 600),
            Block(2, "Sofort beendet", 660, 665),
            Block(3, "Dritter Block", 669, 1200),
            Block(4, "Vierter Block", 1260, 1800),
        };

        var list = Build(chapters, 1800);

        Assert.Equal(["00:00 Erster Block", "11:09 Dritter Block", "21:00 Vierter Block"], list.Chapters.Select(c => c.Line));
        Assert.All(list.Chapters.Zip(list.Chapters.Skip(1)), pair => Assert.True(pair.Second.Seconds - pair.First.Seconds >= 10));
    }

    [Fact]
    public void A_first_block_shorter_than_ten_seconds_gives_00_00_to_the_next_chapter()
    {
        var chapters = new[]
        {
            Block(1, "Kurz", 0, 5),
            Block(2, "Zweiter Block", 5, 600),
            Block(3, "Dritter Block", 600, 1200),
            Block(4, "Vierter Block", 1200, 1800),
        };

        var list = Build(chapters, 1800);

        Assert.Equal(["00:00 Zweiter Block", "10:00 Dritter Block", "20:00 Vierter Block"], list.Chapters.Select(c => c.Line));
    }

    [Fact]
    public void Chapters_come_out_in_ascending_order_whatever_order_they_come_in()
    {
        var list = Build(ThreeBlocks.Reverse(), 5400);

        Assert.Equal(list.Chapters.OrderBy(c => c.Seconds).Select(c => c.Seconds), list.Chapters.Select(c => c.Seconds));
        Assert.Equal(0, list.Chapters[0].Seconds);
    }

    [Fact]
    public void Two_blocks_without_welcome_or_closing_are_too_few_and_the_reason_is_given_instead_of_a_list()
    {
        var list = Build([Block(1, "Eins", 0, 600), Block(2, "Zwei", 600, 1200)], 1200);

        Assert.False(list.Ok);
        Assert.Equal(YouTubeChapterProblem.TooFewChapters, list.Problem);
        Assert.Empty(list.Chapters);
        Assert.Equal("", list.Text);
    }

    [Fact]
    public void One_block_with_a_welcome_and_a_closing_makes_three_chapters()
    {
        var list = Build([Block(1, "Einziger Block", 60, 1800)], 1860);

        Assert.Equal(["00:00 Begrüßung", "01:00 Einziger Block", "30:00 Abschluss"], list.Chapters.Select(c => c.Line));
    }

    [Fact]
    public void An_event_without_held_blocks_has_no_chapter_list()
    {
        var list = Build([], 600);

        Assert.Equal(YouTubeChapterProblem.NoBlocks, list.Problem);
    }

    [Fact]
    public void A_block_wholly_before_the_recording_started_is_not_a_chapter()
    {
        var chapters = new[] { Block(1, "Vor der Aufzeichnung", 0, 300), Block(2, "Zwei", 300, 900), Block(3, "Drei", 900, 1500) };

        var list = Build(chapters, 1500, offset: -300);

        Assert.Equal(YouTubeChapterProblem.TooFewChapters, list.Problem);
    }

    [Fact]
    public void Line_breaks_in_a_block_title_become_spaces()
    {
        var list = Build([Block(1, "Förder-\nprogramme  des Landes", 60, 1800)], 1860);

        Assert.Equal("01:00 Förder- programme des Landes", list.Chapters[1].Line);
    }
}
