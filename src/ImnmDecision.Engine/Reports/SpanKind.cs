namespace ImnmDecision.Engine.Reports;

/// <summary>What a <see cref="Span"/> is.</summary>
internal enum SpanKind
{
    Plain,
    Strong,
    Code,
    Cite,
    Link,
    Check,
}
