// The part of drawflow 0.0.60's API that <network-canvas> uses (the package ships no types).
declare module 'drawflow' {
  export interface DrawflowConnection {
    node: string;
    output?: string;
    input?: string;
  }

  export interface DrawflowNodeData {
    id: number;
    name: string;
    pos_x: number;
    pos_y: number;
    inputs: Record<string, { connections: DrawflowConnection[] }>;
    outputs: Record<string, { connections: DrawflowConnection[] }>;
  }

  export interface ConnectionEvent {
    output_id: string;
    input_id: string;
    output_class: string;
    input_class: string;
  }

  export default class Drawflow {
    constructor(container: HTMLElement);
    container: HTMLElement;
    precanvas: HTMLElement;
    drawflow: { drawflow: Record<string, { data: Record<string, DrawflowNodeData> }> };
    module: string;
    editor_mode: 'edit' | 'fixed' | 'view';
    zoom: number;
    zoom_min: number;
    zoom_max: number;
    zoom_last_value: number;
    canvas_x: number;
    canvas_y: number;
    curvature: number;
    drag: boolean;
    connection: boolean;
    node_selected: HTMLElement | null;
    connection_selected: SVGPathElement | null;
    start(): void;
    on(event: string, listener: (arg: any) => void): void;
    addNode(name: string, inputs: number, outputs: number, x: number, y: number, cssClass: string,
            data: object, html: string, typenode?: boolean): number;
    removeNodeId(id: string): void;
    addConnection(outputId: number | string, inputId: number | string, outputClass: string, inputClass: string): void;
    removeSingleConnection(outputId: number | string, inputId: number | string, outputClass: string,
                           inputClass: string): boolean;
    updateConnectionNodes(id: string): void;
    /** The path ("M … C …") of a connection from (startX, startY) to (endX, endY). */
    createCurvature(startX: number, startY: number, endX: number, endY: number, curvature: number, type: string): string;
    zoom_in(): void;
    zoom_out(): void;
    zoom_refresh(): void;
  }
}
