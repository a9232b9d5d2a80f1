using ImnmDecision.Cli;

return await ImnmCli.RunAsync(args, CliConsole.System());
