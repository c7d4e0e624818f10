namespace OzgLive.Web.Replay;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;ListingTexts&gt;</c>: the links to replays and calendar files on the
/// start page and the series pages, in ListingTexts.resx (German) and ListingTexts.en.resx.
/// </summary>
public sealed class ListingTexts
{
}
