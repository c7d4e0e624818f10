namespace OzgLive.Web.Replay.Review;

/// <summary>Marker for the transcript review page's texts: ReviewTexts.resx (German) and ReviewTexts.en.resx (English).</summary>
public sealed class ReviewTexts
{
}
