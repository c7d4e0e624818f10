namespace OzgLive.Web.Replay;

/// <summary>One line of a YouTube chapter list: where in the recording, and its title.</summary>
public sealed record YouTubeChapter(int Seconds, string Title)
{
    public string Line => $"{RecordingTime.Format(Seconds)} {Title}";
}

/// <summary>Why no chapter list could be built (the page says so instead of offering a list YouTube would ignore).</summary>
public enum YouTubeChapterProblem
{
    None,
    /// <summary>No block was held, so there is nothing to mark.</summary>
    NoBlocks,
    /// <summary>Fewer than three chapters of at least ten seconds.</summary>
    TooFewChapters,
}

/// <summary>Either the lines to paste into the video description, or the problem.</summary>
public sealed record YouTubeChapterList(IReadOnlyList<YouTubeChapter> Chapters, YouTubeChapterProblem Problem)
{
    public bool Ok => Problem == YouTubeChapterProblem.None;

    public string Text => string.Join("\n", Chapters.Select(c => c.Line));
}

/// <summary>
/// The transcript's chapters as a YouTube chapter list. YouTube shows chapters only when the list
/// starts at 00:00, is ascending, has at least three entries and each is at least ten seconds long;
/// otherwise it silently ignores the whole list, so this builds a list that meets the rules or none.
/// </summary>
public static class YouTubeChapters
{
    public const int MinimumSeconds = 10;
    public const int MinimumChapters = 3;

    /// <param name="chapters">The blocks as held, seconds relative to the stream start.</param>
    /// <param name="streamSeconds">The stream's length.</param>
    /// <param name="offsetSeconds">Recording before the stream start (negative: the recording began later).</param>
    /// <param name="introTitle">"Begrüßung": the time before the first block, when there is enough of it.</param>
    /// <param name="closingTitle">"Abschluss": the time after the last block, when there is enough of it.</param>
    public static YouTubeChapterList Build(
        IEnumerable<TranscriptChapter> chapters, int streamSeconds, int offsetSeconds, string introTitle, string closingTitle)
    {
        var end = RecordingTime.Position(streamSeconds, offsetSeconds);
        // Positions in the recording, cut to it: a block that lies wholly before the recording starts is not in it.
        var blocks = chapters
            .Select(c => (Start: Math.Min(RecordingTime.Position(c.StartSeconds, offsetSeconds), end),
                End: Math.Min(RecordingTime.Position(c.EndSeconds, offsetSeconds), end), Title: OneLine(c.Title)))
            .Where(b => b.End > b.Start)
            .OrderBy(b => b.Start)
            .ToList();
        if (blocks.Count == 0)
        {
            return new([], YouTubeChapterProblem.NoBlocks);
        }

        var list = new List<YouTubeChapter>();
        if (blocks[0].Start >= MinimumSeconds)
        {
            list.Add(new(0, introTitle));
        }

        list.AddRange(blocks.Select(b => new YouTubeChapter(b.Start, b.Title)));
        if (end - blocks[^1].End >= MinimumSeconds)
        {
            list.Add(new(blocks[^1].End, closingTitle));
        }

        // Less than ten seconds before the first block: that block opens the video.
        list[0] = list[0] with { Seconds = 0 };
        RemoveShortChapters(list, end);
        return list.Count >= MinimumChapters ? new(list, YouTubeChapterProblem.None) : new([], YouTubeChapterProblem.TooFewChapters);
    }

    /// <summary>
    /// A chapter shorter than ten seconds (a block ended at once, two blocks at one moment) goes; its
    /// seconds join the chapter before it, or, for the first, the one after it moves to 00:00.
    /// </summary>
    private static void RemoveShortChapters(List<YouTubeChapter> list, int end)
    {
        for (var i = 0; i < list.Count;)
        {
            var next = i + 1 < list.Count ? list[i + 1].Seconds : end;
            if (next - list[i].Seconds >= MinimumSeconds)
            {
                i++;
                continue;
            }

            list.RemoveAt(i);
            if (i == 0 && list.Count > 0)
            {
                list[0] = list[0] with { Seconds = 0 };
            }
        }
    }

    // A line break in a title would start a line YouTube reads as something else.
    private static string OneLine(string title) => string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
