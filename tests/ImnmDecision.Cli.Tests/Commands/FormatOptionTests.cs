using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>A misspelt format is a usage error (64) that lists the choices as they are typed, without naming a .NET type.</summary>
public sealed class FormatOptionTests
{
    [Theory]
    [InlineData("score", "--format", "cvs")]
    [InlineData("score", "--format", "")]
    [InlineData("score", "-f", "ndjsn")]
    [InlineData("score", "--input-format", "xml")]
    [InlineData("score", "--format", "csv,json")]
    [InlineData("score", "--format", "2")]
    [InlineData("generate", "--format", "tsv")]
    public async Task Command_UnknownFormat_IsAUsageErrorListingTheChoices(string command, string option, string value)
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("in.csv"), "caseId,ck.value\nc1,5000\n");
        string[] args = command == "score"
            ? ["score", console.PathOf("in.csv"), option, value]
            : ["generate", "--rows", "3", "--seed", "1", "-o", console.PathOf("out.csv"), option, value];

        var exit = await console.RunAsync(args);

        exit.Should().Be(64, console.Error.ToString());
        console.Error.ToString().Should().Contain($"{(option == "-f" ? "--format" : option)} must be csv, ndjson or json").And.NotContain("ImnmDecision.").And.NotContain("Csv");
    }

    [Theory]
    [InlineData("CSV")]
    [InlineData("ndjson")]
    [InlineData("Json")]
    public async Task Score_KnownFormatInAnyCase_IsAccepted(string value)
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("in.csv"), "caseId,ck.value\nc1,5000\n");

        var exit = await console.RunAsync("score", console.PathOf("in.csv"), "--format", value, "-o", console.PathOf("out.txt"));

        exit.Should().Be(0, console.Error.ToString());
    }
}
