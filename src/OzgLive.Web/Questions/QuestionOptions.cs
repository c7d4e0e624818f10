namespace OzgLive.Web.Questions;

/// <summary>Limits and the word list, from the "Questions" configuration section.</summary>
public sealed class QuestionOptions
{
    /// <summary>Questions one viewer may ask per minute.</summary>
    public int QuestionsPerViewerPerMinute { get; set; } = 5;

    /// <summary>Votes (and vote withdrawals) one viewer may cast per minute.</summary>
    public int VotesPerViewerPerMinute { get; set; } = 60;

    /// <summary>
    /// Questions per network address per minute. Higher than per viewer on purpose: a town hall's
    /// staff watching together share one address, and one person must not silence the others.
    /// </summary>
    public int QuestionsPerAddressPerMinute { get; set; } = 30;

    public int VotesPerAddressPerMinute { get; set; } = 600;

    /// <summary>
    /// New viewer ids one network address may get per minute. One vote per viewer is only as strong
    /// as the supply of viewer ids: without this, a script could fetch a fresh id for every vote.
    /// Generous, because a whole office behind one address may open the page at the same minute;
    /// returning viewers who present their token are not counted.
    /// </summary>
    public int NewViewersPerAddressPerMinute { get; set; } = 120;

    /// <summary>
    /// Words that hold a question for moderation even when auto-approve is on. Whole words,
    /// case-insensitive; a trailing * matches any ending ("scheiß*"). Replaces the defaults when set.
    /// </summary>
    public List<string> HeldWords { get; set; } = [];

    public static IReadOnlyList<string> DefaultHeldWords { get; } =
    [
        "arschloch*", "idiot*", "vollidiot*", "depp*", "trottel*", "wichser*", "hurensohn*", "schlampe*",
        "fotze*", "missgeburt*", "spast*", "scheiß*", "scheiss*", "scheiße*", "kacke*", "drecks*", "verreck*",
        "bastard*", "penner*", "kanake*", "neger*", "schwuchtel*", "nazi*", "volksverräter*", "lügenpresse*",
        "bescheuert*", "vollpfosten*", "fick*", "halt die fresse", "umbringen", "töten",
    ];

    public IReadOnlyList<string> EffectiveHeldWords => HeldWords.Count > 0 ? HeldWords : DefaultHeldWords;
}
