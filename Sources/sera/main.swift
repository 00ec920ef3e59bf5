import Backend

#if canImport(Glibc)
  import Glibc
#endif

exit(CommandDispatcher.run(arguments: Array(CommandLine.arguments.dropFirst())))
