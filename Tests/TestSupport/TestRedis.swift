import Shared

/// Redis settings and names that keep one test's keys apart from another's.
public enum TestRedis {
  /// REDIS_HOST and REDIS_PORT from the environment, defaulting to the local stack's Redis.
  public static func settings() -> RedisSettings {
    RedisSettings(
      host: TestEnvironment.string("REDIS_HOST", default: "127.0.0.1"),
      port: TestEnvironment.port("REDIS_PORT", default: 56379))
  }

  /// A queue name no other test uses, such as `sera_test_3f9a...`.
  public static func uniqueQueueName() -> String {
    "sera_test_" + TestEnvironment.randomHex()
  }
}
