package dev.azdo.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * target/azdo-jdbc.jar alone, in a class loader that sees nothing of the build's classpath, finds
 * its driver through META-INF/services and queries the emulator.
 */
class ShadedJarIT {
  private static final Path JAR = Path.of("target", "azdo-jdbc.jar");
  private static EmulatorFixture fx;

  @BeforeAll
  static void start() {
    fx = new EmulatorFixture(12);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void theJarAloneConnectsAndQueries() throws Exception {
    assertThat(JAR).exists();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Driver driver = null;
      for (Driver d : ServiceLoader.load(Driver.class, loader)) {
        if (d.acceptsURL(fx.url())) {
          driver = d;
        }
      }
      assertThat(driver).isNotNull();
      assertThat(driver.getClass().getClassLoader()).isSameAs(loader);
      Properties p = new Properties();
      p.setProperty("password", EmulatorFixture.PAT);
      List<String> titles = new ArrayList<>();
      try (Connection c = driver.connect(fx.url(), p);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT Title FROM WorkItems WHERE Priority = 1 ORDER BY Id")) {
        while (rs.next()) {
          titles.add(rs.getString(1));
        }
      }
      assertThat(titles).hasSize(3).allMatch(t -> t.startsWith("Item "));
      // Writes run the pipeline's import task from inside the jar too.
      try (Connection c = driver.connect(fx.url(), p);
          Statement s = c.createStatement()) {
        assertThat(
                s.executeUpdate(
                    "INSERT INTO WorkItems (WorkItemType, Title) VALUES ('Task', 'from the jar')"))
            .isEqualTo(1);
        try (ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM WorkItems WHERE Title = 'from the jar'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void jacksonAndGuavaAreRelocated() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNull();
      assertThat(jar.getEntry("com/google/common/collect/ImmutableList.class")).isNull();
      // The pipeline's bundled databases and Excel reading stay out of a driver jar.
      assertThat(jar.getEntry("org/h2/Driver.class")).isNull();
      assertThat(jar.getEntry("org/sqlite/JDBC.class")).isNull();
      assertThat(jar.getEntry("org/apache/poi/xssf/usermodel/XSSFWorkbook.class")).isNull();
      assertThat(jar.getEntry("dev/azdo/jdbc/shaded/jackson/databind/ObjectMapper.class"))
          .isNotNull();
      assertThat(
              new String(
                  jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                      .readAllBytes()))
          .contains("dev.azdo.jdbc.AzdoDriver");
    }
    assertThat(Files.size(JAR)).isLessThan(80L * 1024 * 1024);
  }
}
