namespace OzgLive.Web.Organisers;

/// <summary>Marker for the organiser pages' texts: OrganiserTexts.resx (German) and OrganiserTexts.en.resx (English).</summary>
public sealed class OrganiserTexts
{
}
