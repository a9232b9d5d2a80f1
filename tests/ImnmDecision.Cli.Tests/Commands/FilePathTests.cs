using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>
/// Paths that name a folder, or a folder that does not exist: exit code 3 with a line that says which, never the
/// runtime's "Access to the path is denied" or "Could not find a part of the path".
/// </summary>
public sealed class FilePathTests
{
    [Theory]
    [InlineData("score")]
    [InlineData("explain")]
    [InlineData("summary merge")]
    public async Task Command_InputThatIsAFolder_SaysItIsAFolder(string command)
    {
        using var console = new TestConsole();
        Directory.CreateDirectory(console.PathOf("cohort.csv"));

        var exit = await console.RunAsync([.. command.Split(' '), console.PathOf("cohort.csv")]);

        exit.Should().Be(3, console.Error.ToString());
        console.Error.ToString().Should().Contain("is a folder, not a file").And.NotContain("does not exist");
    }

    [Theory]
    [InlineData("score", "folder")]
    [InlineData("score", "missing-folder")]
    [InlineData("generate", "folder")]
    [InlineData("generate", "missing-folder")]
    public async Task Command_OutputInAFolderThatDoesNotExistOrThatIsAFolder_SaysSo(string command, string how)
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("in.csv"), "caseId,ck.value\nc1,5000\n");
        Directory.CreateDirectory(console.PathOf("out.csv"));
        var output = how == "folder" ? console.PathOf("out.csv") : console.PathOf(Path.Combine("no-such-folder", "out.csv"));
        string[] args = command == "score"
            ? ["score", console.PathOf("in.csv"), "-o", output]
            : ["generate", "--rows", "3", "--seed", "1", "-o", output];

        var exit = await console.RunAsync(args);

        exit.Should().Be(3, console.Error.ToString());
        var error = console.Error.ToString();
        error.Should().Contain(how == "folder" ? "is a folder, not a file" : "the folder it would be written to does not exist");
        error.Should().NotContain("Access to the path").And.NotContain("Could not find a part");
        Directory.Exists(console.PathOf("out.csv")).Should().BeTrue("a folder named as the output is left alone");
    }
}
