package org.shelters.reporting.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reports/rebuild")
@Tag(name = "rebuild", description = "Replay every projection from offset 0 into fresh collections, then switch over")
public class RebuildController {

    private final RebuildService rebuild;

    public RebuildController(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Start a rebuild (409 while one is running)")
    public RebuildService.Status start() {
        return rebuild.start();
    }

    @GetMapping
    @Operation(summary = "Progress of the running or last rebuild: events applied / total")
    public RebuildService.Status status() {
        return rebuild.status();
    }
}
