import Foundation
import SeraTUI

// Everything lives in the SeraTUI library so it can be tested; this file only hands over.
let code = App.main(
  arguments: Array(CommandLine.arguments.dropFirst()),
  environment: ProcessInfo.processInfo.environment)
exit(code)
