namespace ImnmDecision.Api.Http;

/// <summary>The forms of a single assessment's answer.</summary>
internal enum AnswerMediaType
{
    /// <summary><c>application/json</c>: the v1 contract's <c>Assessment</c> (the default).</summary>
    Json,

    /// <summary><c>text/markdown</c>: the report <c>imnm explain</c> writes.</summary>
    Markdown,

    /// <summary><c>text/html</c>: the same report as a printable page.</summary>
    Html,
}
