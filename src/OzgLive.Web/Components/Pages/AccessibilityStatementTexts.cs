namespace OzgLive.Web.Components.Pages;

/// <summary>Marker for the texts of the accessibility statement (AccessibilityStatementTexts.resx, German; .en.resx, English).</summary>
public sealed class AccessibilityStatementTexts
{
}
