namespace ImnmDecision.Cli.Tests;
