namespace ImnmDecision.Engine.Batch;

/// <summary>
/// The batch as a whole is refused before any result is written: a column or property that looks like a
/// direct identifier, an unknown or repeated CSV column, a missing header, a body that is not a JSON array,
/// or more rows than allowed before the first result left. The API answers with <see cref="Problem"/>.
/// </summary>
public sealed class BatchRefusedException : Exception
{
    /// <summary>Creates the exception for a problem.</summary>
    public BatchRefusedException(BatchProblem problem)
        : base(problem?.Title)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
    }

    /// <summary>Creates the exception for a problem caused by another failure (an input that could not be read).</summary>
    public BatchRefusedException(BatchProblem problem, Exception innerException)
        : base(problem?.Title, innerException)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
    }

    /// <summary>Creates the exception with a message (a 400 problem).</summary>
    public BatchRefusedException()
        : this("The batch was refused.")
    {
    }

    /// <summary>Creates the exception with a message (a 400 problem).</summary>
    public BatchRefusedException(string message)
        : base(message)
    {
        Problem = new BatchProblem { Type = BatchProblemTypes.BadRequest, Title = message, Status = 400 };
    }

    /// <summary>Creates the exception with a message and a cause (a 400 problem).</summary>
    public BatchRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new BatchProblem { Type = BatchProblemTypes.BadRequest, Title = message, Status = 400 };
    }

    /// <summary>What to answer.</summary>
    public BatchProblem Problem { get; }
}
