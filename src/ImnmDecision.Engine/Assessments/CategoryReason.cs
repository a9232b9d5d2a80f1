namespace ImnmDecision.Engine.Assessments;

/// <summary>A workup item's reason (<see cref="Item"/>) with its risk category's appended (<see cref="Text"/>).</summary>
internal sealed record CategoryReason(string Item, string Text);
