using SocialCrm.Cli.Commands;

return await CliCommands.Root().Parse(args).InvokeAsync();
