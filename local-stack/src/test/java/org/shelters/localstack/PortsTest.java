package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void sixPortsKeepTheIdentityServerOnItsDefaultASeventhMovesIt() {
        assertThat(LocalStack.Ports.parse("1,2,3,4,5,6")).isEqualTo(new LocalStack.Ports(1, 2, 3, 4, 5, 6, 9000));
        LocalStack.Ports seven = LocalStack.Ports.parse("1, 2, 3, 4, 5, 6, 7");
        assertThat(seven).isEqualTo(new LocalStack.Ports(1, 2, 3, 4, 5, 6, 7));
        assertThat(LocalStack.Ports.parse(seven.argument())).isEqualTo(seven);
        assertThatThrownBy(() -> LocalStack.Ports.parse("1,2,3")).hasMessageContaining("six or seven");
        assertThatThrownBy(() -> LocalStack.Ports.parse("1,2,3,4,5,x")).hasMessageContaining("'x' is not one");
    }

    @Test
    void instanceIOfAServiceListensTenTimesIMinusOneAboveInstanceOne() {
        LocalStack.Options options = LocalStack.Options.parse(new String[] {"--instances=2"});

        assertThat(options.instances()).isEqualTo(2);
        assertThat(options.ports().all(2)).containsExactly(9092, 9093, 27017, 9000, 8081, 8082, 8083, 8091, 8092, 8093);
        assertThat(options.ports().service(options.ports().reporting(), 4)).isEqualTo(8113);
        assertThat(LocalStack.Options.parse(new String[0]).instances()).as("the default").isEqualTo(1);
    }

    @Test
    void instancesOutsideOneToFourAreRefusedNamingTheRange() {
        for (String value : List.of("0", "5", "-1", "two", "")) {
            assertThatThrownBy(() -> LocalStack.Options.parse(new String[] {"--instances=" + value}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--instances").hasMessageContaining("1 to 4");
        }
        assertThat(LocalStack.Options.parse(new String[] {"--instances=4"}).instances()).isEqualTo(4);
    }

    @Test
    void portsWhereAnInstanceWouldFallOnAnotherPartAreRefused() {
        assertThatThrownBy(() -> LocalStack.Options.parse(new String[] {"--ports=9092,9093,27017,8081,8082,8083,8091",
                "--instances=2"})).hasMessageContaining("port 8091 would be used twice");
        assertThat(LocalStack.Options.parse(new String[] {"--ports=9092,9093,27017,8081,8082,8083,8091"}).instances())
                .as("one instance leaves 8091 free").isEqualTo(1);
        assertThatThrownBy(() -> LocalStack.Options.parse(new String[] {"--ports=9092,9093,27017,8081,8082,65530", "--instances=2"}))
                .hasMessageContaining("out of range");
    }
}
