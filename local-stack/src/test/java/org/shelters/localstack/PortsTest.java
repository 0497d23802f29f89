package org.shelters.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void sixPortsKeepTheIdentityServerOnItsDefaultASeventhMovesIt() {
        assertThat(LocalStack.Ports.parse("1,2,3,4,5,6")).isEqualTo(new LocalStack.Ports(1, 2, 3, 4, 5, 6, 9000));
        LocalStack.Ports seven = LocalStack.Ports.parse("1, 2, 3, 4, 5, 6, 7");
        assertThat(seven).isEqualTo(new LocalStack.Ports(1, 2, 3, 4, 5, 6, 7));
        assertThat(LocalStack.Ports.parse(seven.argument())).isEqualTo(seven);
        assertThatThrownBy(() -> LocalStack.Ports.parse("1,2,3")).hasMessageContaining("six or seven");
    }
}
