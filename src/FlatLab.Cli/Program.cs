return FlatLab.Cli.FlatLabApp.Run(args, Console.Out, Console.Error);
