namespace OzgLive.Web.Stage;

/// <summary>Marker for <c>IStringLocalizer&lt;StageTexts&gt;</c>: the presenter screen's texts are in StageTexts.resx (German) and StageTexts.en.resx.</summary>
public sealed class StageTexts
{
}
