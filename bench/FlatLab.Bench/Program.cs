Console.WriteLine("FlatLab benchmarks");
